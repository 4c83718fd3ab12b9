/// Whether and how progress output is coloured. Colour only on a terminal, and never when
/// `NO_COLOR` is set to a non-empty value (no-color.org) or `TERM` is `dumb`.
public struct TerminalStyle: Sendable, Equatable {
  public let colors: Bool

  public init(colors: Bool) {
    self.colors = colors
  }

  public init(environment: [String: String], interactive: Bool) {
    let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
    colors = interactive && !noColor && environment["TERM"] != "dumb"
  }

  /// `text` in the colour of `group` (or unchanged without colour).
  public func paint(_ text: String, _ group: ProgressGroup) -> String {
    guard colors else { return text }
    let code =
      switch group {
      case .failed: "31"
      case .running: "33"
      case .queued: "2"
      case .succeeded: "32"
      case .skipped, .aborted: "35"
      }
    return "\u{1B}[\(code)m\(text)\u{1B}[0m"
  }

  /// `text` in bold (or unchanged without colour).
  public func bold(_ text: String) -> String {
    colors ? "\u{1B}[1m\(text)\u{1B}[0m" : text
  }
}
