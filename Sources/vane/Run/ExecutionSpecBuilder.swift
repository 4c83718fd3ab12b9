import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneData
import VaneModel
import VanePackage
import VaneS3

/// Builds the spec of a new execution: its id and data directory, the compiled closure and
/// inputs, and the fast-registration code archive copied into the data directory.
struct ExecutionSpecBuilder {
  let runtime: LocalRuntime

  func build(
    name: String?, scope project: String, domain: String, closure: Flyteidl_Core_CompiledWorkflowClosure,
    inputs: Flyteidl_Core_LiteralMap, launchPlan: Flyteidl_Core_Identifier?, codeArchive: CodeArchive?,
    launchPlans: [Vane_LaunchPlanClosure] = []
  ) async throws -> Vane_ExecutionSpec {
    var spec = Vane_ExecutionSpec()
    spec.id.project = project
    spec.id.domain = domain
    spec.id.name = try name.map(Self.validated) ?? Self.randomName()
    spec.closure = closure
    spec.inputs = inputs
    if let launchPlan { spec.launchPlan = launchPlan }
    spec.launchPlans = launchPlans
    spec.dataDir = runtime.layout.executionDirectory(spec.id).rawValue
    spec.config.rawOutputPrefix = runtime.layout.rawOutputRoot.rawValue
    spec.config.maxSystemFailures = 3
    spec.createdAt = Google_Protobuf_Timestamp(date: Date())
    if let codeArchive {
      let directory = URL(fileURLWithPath: runtime.dataDirectory).appendingPathComponent("code/\(codeArchive.digest)")
      let file = directory.appendingPathComponent(codeArchive.fileName)
      if !FileManager.default.fileExists(atPath: file.path) {
        do {
          try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
          _ = try codeArchive.write(to: directory)
        } catch {
          throw CLIFailure.failed("\(file.path): cannot store the code archive: \(error)")
        }
      }
      spec.codeArchiveUri = DataURI(filePath: file.path).rawValue
      if let storage = runtime.storage {
        // Tasks fetch the code from the bucket (pyflyte-fast-execute downloads s3:// itself),
        // where the data proxy would have put it for `pyflyte register`.
        let remote = storage.uploadRoot.appending(project, domain, codeArchive.digest, codeArchive.fileName)
        do {
          if try await !runtime.dataStore.exists(remote) {
            try await runtime.dataStore.upload(file: file.path, to: remote)
          }
        } catch {
          throw CLIFailure.failed("\(remote): cannot store the code archive: \(error.message)")
        }
        spec.codeArchiveUri = remote.rawValue
      }
    }
    return spec
  }

  /// Like Flyte's generated names: a letter and 19 lowercase letters or digits.
  static func randomName() -> String {
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    let alphabet = letters + Array("0123456789")
    return String(letters.randomElement()!) + String((0..<19).map { _ in alphabet.randomElement()! })
  }

  private static func validated(_ name: String) throws -> String {
    let allowed = name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    guard !name.isEmpty, name.count <= 63, allowed, name.first?.isLetter == true else {
      throw CLIFailure.badInput(
        "--name \(name): use 1 to 63 lowercase letters, digits or '-', starting with a letter")
    }
    return name
  }
}
