import ArgumentParser
import Foundation
import VanePlugins

/// `--sandbox`, `--sandbox-no-network` and `--sandbox-read-only`: whether tasks run as local
/// processes inside a bubblewrap sandbox (docs/configuration.md, `sandbox`).
struct SandboxOptions: ParsableArguments {
  @Flag(
    help: ArgumentHelp(
      "Run each task in a bubblewrap sandbox: read-only system, its own work directory and execution data "
        + "only, no home directory (default: off, or $VANE_SANDBOX_ENABLED)."))
  var sandbox = false

  @Flag(help: "With --sandbox: tasks get no network (or $VANE_SANDBOX_NETWORK=false).")
  var sandboxNoNetwork = false

  @Option(
    name: .customLong("sandbox-read-only"), help: "PATH: with --sandbox, a directory tasks may also read (repeatable).")
  var readOnlyPaths: [String] = []

  /// The flags over `base` (nil: sandbox off; `vane serve`'s configuration otherwise); without
  /// `--sandbox`, `VANE_SANDBOX_ENABLED` decides, and `VANE_SANDBOX_NETWORK` the network.
  func configuration(
    over base: SandboxConfiguration? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> SandboxConfiguration? {
    var enabled = base != nil || sandbox
    if !sandbox, let text = environment["VANE_SANDBOX_ENABLED"], !text.isEmpty {
      enabled = try Self.switchValue(text, name: "VANE_SANDBOX_ENABLED")
    }
    guard enabled else {
      if sandboxNoNetwork || !readOnlyPaths.isEmpty {
        throw CLIFailure.badInput("--sandbox-no-network and --sandbox-read-only need --sandbox")
      }
      return nil
    }
    var configuration = base ?? SandboxConfiguration()
    if let text = environment["VANE_SANDBOX_NETWORK"], !text.isEmpty {
      configuration.network = try Self.switchValue(text, name: "VANE_SANDBOX_NETWORK")
    }
    if sandboxNoNetwork { configuration.network = false }
    for path in readOnlyPaths {
      guard path.hasPrefix("/") else { throw CLIFailure.badInput("--sandbox-read-only \(path): give an absolute path") }
      configuration.readOnlyPaths.append(path)
    }
    return configuration
  }

  private static func switchValue(_ text: String, name: String) throws -> Bool {
    switch text.lowercased() {
    case "true", "yes", "on", "1": return true
    case "false", "no", "off", "0": return false
    default: throw CLIFailure.badInput("\(name)=\(text): expected true or false")
    }
  }
}
