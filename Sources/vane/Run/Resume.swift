import ArgumentParser
import Foundation
import Logging
import VaneEngine
import VaneStore

/// `vane resume EXECUTION`: continues an execution whose `vane run` was stopped or killed.
struct Resume: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Continue an execution whose `vane run` stopped, and wait for it to end.")

  @Argument(help: "The execution name (or project/domain/name).")
  var execution: String

  @Option(help: "The data directory the execution was started in.")
  var dataDir: String?

  @Option(help: "Write the outputs as a binary flyteidl.core.LiteralMap here.")
  var outputsFile: String?

  @Option(
    name: .customLong("image"), help: "IMAGE=DIR: run tasks of this image (or *) with the Python environment DIR.")
  var images: [String] = []

  func run() async throws {
    let logger = Logger(label: "vane")
    let runtime = try LocalRuntime.open(dataDirectory: dataDir, images: try ImageOptions.parse(images), logger: logger)
    let key = try await find(execution, in: runtime.store)
    printError("resuming execution \(key) (data: \(runtime.dataDirectory))")
    let status = try await ExecutionRunner(runtime: runtime, logger: logger).run(key, progress: ProgressPrinter())
    try await ExecutionReport(runtime: runtime, key: key, outputsFile: outputsFile).finish(status)
  }

  private func find(_ text: String, in store: SQLiteResourceStore) async throws -> ResourceKey {
    let parts = text.split(separator: "/").map(String.init)
    if parts.count == 3 {
      let key = ResourceKey(project: parts[0], domain: parts[1], name: parts[2])
      if try await store.getStatus(key) != nil { return key }
    } else {
      var after: ResourceKey?
      while true {
        let page = try await store.list(.all, limit: 1000, after: after)
        if let match = page.first(where: { $0.key.name == text }) { return match.key }
        guard let last = page.last else { break }
        after = last.key
      }
    }
    throw CLIFailure.badInput("no execution named '\(text)' in \(runtime(storePath: store))")
  }

  private func runtime(storePath _: SQLiteResourceStore) -> String {
    dataDir ?? LocalRuntime.defaultDataDirectory()
  }
}
