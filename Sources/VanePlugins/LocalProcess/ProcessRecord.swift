import Foundation
import VaneEngine

/// What identifies a started attempt's process across rounds and engine restarts: its pid and
/// its start time (field 22 of `/proc/<pid>/stat`, clock ticks since boot), so a pid reused by
/// another program is never mistaken for the task. Stored as the plugin state and in the work
/// directory's `process` file.
struct ProcessRecord: Codable, Hashable, Sendable {
  /// The current format of the stored state.
  static let stateVersion: UInt32 = 1

  /// The wrapper process (leader of the task's own session and process group).
  var pid: Int32
  /// The process start time in clock ticks since boot (0 where unknown, e.g. macOS).
  var startTime: UInt64
  /// The attempt's working directory.
  var workDirectory: String

  /// The record as plugin state.
  var pluginState: PluginState {
    let data = (try? JSONEncoder().encode(self)) ?? Data()
    return PluginState(data: data, version: Self.stateVersion)
  }

  /// The record stored in `state`, or nil for an empty or unreadable state.
  init?(_ state: PluginState) {
    guard !state.isEmpty, state.version == Self.stateVersion,
      let record = try? JSONDecoder().decode(ProcessRecord.self, from: state.data)
    else { return nil }
    self = record
  }

  init(pid: Int32, startTime: UInt64, workDirectory: String) {
    self.pid = pid
    self.startTime = startTime
    self.workDirectory = workDirectory
  }

  /// The `process` file's text: `<pid> <start time>`.
  var fileText: String { "\(pid) \(startTime)\n" }

  /// Reads the `process` file's text.
  init?(fileText: String, workDirectory: String) {
    let fields = fileText.split(whereSeparator: { $0 == " " || $0 == "\n" })
    guard fields.count == 2, let pid = Int32(fields[0]), pid > 0, let start = UInt64(fields[1]) else { return nil }
    self.init(pid: pid, startTime: start, workDirectory: workDirectory)
  }
}
