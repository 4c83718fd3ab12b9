import ArgumentParser
import Foundation
import Logging

/// `vane resume EXECUTION`: continues an execution whose `vane run` was stopped or killed.
struct Resume: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Continue an execution whose `vane run` stopped, and wait for it to end.")

  @Argument(help: "The execution name (or project/domain/name).")
  var execution: String

  @OptionGroup var runtime: RuntimeOptions
  @OptionGroup var outputs: OutputsFileOption

  func run() async throws {
    let logger = Logger(label: "vane")
    let runtime = try self.runtime.open(logger: logger)
    try await runtime.checkRay()
    let key = try await ExecutionFinder(runtime: runtime).find(execution)
    printError("resuming execution \(key) (data: \(runtime.dataDirectory))")
    let status = try await ExecutionRunner(runtime: runtime, logger: logger).run(key, progress: .standardError())
    try await ExecutionReport(runtime: runtime, key: key, outputsFile: outputs.outputsFile).finish(status)
  }
}
