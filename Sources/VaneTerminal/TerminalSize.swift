#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rows and columns a frame may use.
public struct TerminalSize: Sendable, Equatable {
  public let rows: Int
  public let columns: Int

  public init(rows: Int, columns: Int) {
    self.rows = rows
    self.columns = columns
  }

  /// What a terminal reports when it reports nothing usable.
  public static let fallback = TerminalSize(rows: 24, columns: 80)

  /// The size of the terminal on `descriptor`, or `fallback` when it is not a terminal.
  public static func of(descriptor: Int32) -> TerminalSize {
    var size = winsize()
    guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 else {
      return .fallback
    }
    return TerminalSize(rows: Int(size.ws_row), columns: Int(size.ws_col))
  }
}
