import ArgumentParser
import Foundation
import VaneModel

#if canImport(Glibc)
import Glibc
#endif

@main
struct Vane: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vane",
    abstract: "Run Flyte workflows without a cluster.",
    subcommands: [
      Run.self, Serve.self, Resume.self, Relaunch.self, Recover.self, SignalCommand.self, Get.self, Describe.self,
      Logs.self, Abort.self, Create.self, Update.self, Compile.self, Idl.self, AuthCommand.self, VersionCommand.self,
    ]
  )

  // A flag of its own rather than the configuration's `version`, which would list a second
  // `--version` in the help of commands that have one (run, compile, create execution, …).
  @Flag(name: .customLong("version"), help: "Print Vane's version (as vane version does).")
  var showVersion = false

  func run() async throws {
    guard showVersion else { throw CleanExit.helpRequest(self) }
    print(VersionCommand.text)
  }

  /// Runs the command line, mapping failures to Vane's exit statuses: usage errors and
  /// `CLIFailure.badInput` exit 2, help and version exit 0.
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch let failure as CLIFailure {
      printError(failure.description)
      Glibc.exit(failure.exitCode)
    } catch {
      let code = exitCode(for: error)
      if code == .success || error is CleanExit {
        exit(withError: error)
      }
      printError(fullMessage(for: error))
      Glibc.exit(code == .validationFailure ? 2 : code.rawValue)
    }
  }
}

/// Writes a line to standard error.
func printError(_ message: String) {
  let text = message.hasSuffix("\n") ? message : message + "\n"
  FileHandle.standardError.write(Data(text.utf8))
}
