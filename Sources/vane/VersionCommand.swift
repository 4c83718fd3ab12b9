import ArgumentParser
import VaneModel

/// `vane version` (and `vane --version`, from the same string): the client's version and the
/// Flyte release it follows.
struct VersionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "version", abstract: "Print Vane's version and the Flyte release it follows.")

  static var text: String { "vane \(VaneVersion.current) (Flyte \(VaneVersion.flyte) wire format)" }

  func run() {
    print(Self.text)
  }
}
