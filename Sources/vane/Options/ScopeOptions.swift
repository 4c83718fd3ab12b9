import ArgumentParser
import Foundation
import VanePackage

/// Where the entities of a package are registered: the project, domain and version that fill
/// the empty parts of their identifiers.
struct ScopeOptions: ParsableArguments {
  @OptionGroup var scope: ProjectDomainOptions

  @Option(help: "Version of the package's entities (default: the fast archive's digest or a content hash).")
  var version: String?

  /// Loads the package at `path`, turning every load problem into one exit-2 failure.
  func loadPackage(at path: String) throws -> FlytePackage {
    do {
      return try PackageLoader(project: scope.project, domain: scope.domain, version: version)
        .load(from: URL(fileURLWithPath: path))
    } catch {
      throw CLIFailure.badInput(error.description)
    }
  }
}
