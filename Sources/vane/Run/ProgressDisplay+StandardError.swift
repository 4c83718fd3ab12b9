import Foundation
import VaneModel
import VaneTerminal

extension ProgressDisplay {
  /// Progress on stderr: a table redrawn in place on a terminal (coloured unless `NO_COLOR`),
  /// one line per transition otherwise.
  static func standardError(environment: [String: String] = ProcessInfo.processInfo.environment) -> ProgressDisplay {
    let interactive = isatty(2) == 1
    return ProgressDisplay(
      mode: interactive ? .table : .lines, clock: SystemClock(),
      style: TerminalStyle(environment: environment, interactive: interactive),
      size: { TerminalSize.of(descriptor: 2) },
      write: { text in FileHandle.standardError.write(Data(text.utf8)) })
  }
}
