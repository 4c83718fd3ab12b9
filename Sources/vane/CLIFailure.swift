import VaneModel

/// An error the CLI reports as it is: a message for stderr and the process exit status.
///
/// Exit statuses: 1 — the work ran and failed (`failed`); 2 — bad usage or bad input
/// (`badInput`); 69 — a system tool the configuration asks for is missing or does not work on this
/// machine (`unavailable`, sysexits' EX_UNAVAILABLE, e.g. bubblewrap for the sandbox); 75 — another
/// process holds the resource (`busy`, sysexits' EX_TEMPFAIL: a data directory another
/// `vane serve` serves); 78 — a
/// config file or variable the command reads is wrong (`badConfig`, sysexits' EX_CONFIG; the
/// message names the file and key); 130 — interrupted by SIGINT or SIGTERM (`interrupted`), as shells report it.
struct CLIFailure: VaneError {
  /// The stable kinds of failure, one per exit status.
  enum Code: String, Sendable, Hashable {
    /// The work ran and failed, or a server or store failed: exit 1.
    case failed
    /// Bad usage or bad input: exit 2.
    case badInput
    /// A system tool the configuration asks for is missing or does not work here: exit 69.
    case unavailable
    /// A resource another process holds (a data directory another `vane serve` serves): exit 75.
    case busy
    /// A config file or variable (flytekit config, `$VANE_ENDPOINT`) is wrong: exit 78.
    case badConfig
    /// Stopped by a signal before the work ended: exit 130.
    case interrupted
  }

  let code: Code
  let message: String
  var location: String? { nil }

  /// The process exit status for this failure.
  var exitCode: Int32 {
    switch code {
    case .failed: 1
    case .badInput: 2
    case .unavailable: 69
    case .busy: 75
    case .badConfig: 78
    case .interrupted: 130
    }
  }

  /// Exit 2: bad usage or input.
  static func badInput(_ message: String) -> CLIFailure {
    CLIFailure(code: .badInput, message: message)
  }

  /// Exit 69: a system tool the configuration asks for is missing or does not work here.
  static func unavailable(_ message: String) -> CLIFailure {
    CLIFailure(code: .unavailable, message: message)
  }

  /// Exit 75: another process holds what the command needs; `message` names it.
  static func busy(_ message: String) -> CLIFailure {
    CLIFailure(code: .busy, message: message)
  }

  /// Exit 78: a config file or variable is wrong; `message` names the file and key.
  static func badConfig(_ message: String) -> CLIFailure {
    CLIFailure(code: .badConfig, message: message)
  }

  /// Exit 1: the work, a server or a store failed.
  static func failed(_ message: String) -> CLIFailure {
    CLIFailure(code: .failed, message: message)
  }
}
