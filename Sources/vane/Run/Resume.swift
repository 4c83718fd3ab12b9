import ArgumentParser
import Foundation
import Logging

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
    let key = try await ExecutionFinder(runtime: runtime).find(execution)
    printError("resuming execution \(key) (data: \(runtime.dataDirectory))")
    let status = try await ExecutionRunner(runtime: runtime, logger: logger).run(key, progress: ProgressPrinter())
    try await ExecutionReport(runtime: runtime, key: key, outputsFile: outputsFile).finish(status)
  }
}
