import ArgumentParser
import Foundation
import Logging

/// `--log-level` and `--log-format`: how much `vane serve` logs and how (text lines or JSON
/// objects on stderr). The flags win over `$VANE_LOG_LEVEL` / `$VANE_LOG_FORMAT`; the default is
/// `notice` as text.
struct LogOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "trace, debug, info, notice, warning, error or critical (default: $VANE_LOG_LEVEL, else notice).",
      valueName: "level"))
  var logLevel: String?

  @Option(help: ArgumentHelp("text or json (default: $VANE_LOG_FORMAT, else text).", valueName: "format"))
  var logFormat: String?

  enum Format: String { case text, json }

  /// The level and format, flags over environment; exit 2 for a bad flag or variable (as for
  /// vane serve's other settings).
  func resolved(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> (
    Logger.Level, Format
  ) {
    func pick<T>(_ flag: String?, _ variable: String, _ parse: (String) -> T?, _ fallback: T) throws -> T {
      if let flag {
        guard let value = parse(flag.lowercased()) else {
          throw CLIFailure.badInput(
            "--\(variable == "VANE_LOG_LEVEL" ? "log-level" : "log-format") '\(flag)' is not valid")
        }
        return value
      }
      guard let text = environment[variable], !text.isEmpty else { return fallback }
      guard let value = parse(text.lowercased()) else {
        throw CLIFailure.badInput("$\(variable): '\(text)' is not valid")
      }
      return value
    }
    let level = try pick(logLevel, "VANE_LOG_LEVEL", Logger.Level.init(rawValue:), .notice)
    let format = try pick(logFormat, "VANE_LOG_FORMAT", Format.init(rawValue:), .text)
    return (level, format)
  }

  /// Sends every logger of the process (the engine's, the server's, the plugins') to stderr in
  /// the chosen format at the chosen level. Call once, before the first logger is made.
  func bootstrap() throws {
    let (level, format) = try resolved()
    LoggingSystem.bootstrap { label in
      switch format {
      case .json:
        var handler = JSONLogHandler(label: label)
        handler.logLevel = level
        return handler
      case .text:
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
      }
    }
  }
}
