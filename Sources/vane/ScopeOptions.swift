import ArgumentParser
import Foundation
import VanePackage

/// Where the entities of a package are registered: the project, domain and version that fill
/// the empty parts of their identifiers.
struct ScopeOptions: ParsableArguments {
  @Option(help: "Project the package's entities belong to.")
  var project = "flytesnacks"

  @Option(help: "Domain the package's entities belong to.")
  var domain = "development"

  @Option(help: "Version of the package's entities (default: the fast archive's digest or a content hash).")
  var version: String?

  /// Loads the package at `path`, turning every load problem into one exit-2 failure.
  func loadPackage(at path: String) throws -> FlytePackage {
    do {
      return try PackageLoader(project: project, domain: domain, version: version)
        .load(from: URL(fileURLWithPath: path))
    } catch {
      throw CLIFailure.badInput(error.description)
    }
  }
}
