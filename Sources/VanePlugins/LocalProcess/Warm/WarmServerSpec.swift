import Foundation

/// Which fork server an attempt needs — one per Python environment and code bundle — and what
/// starting one takes. Two attempts with equal specs share a server.
struct WarmServerSpec: Hashable, Sendable {
  /// The interpreter and its options, from the entrypoint's `#!` line.
  var interpreter: [String]
  /// The code bundle as the command names it (`--additional-distribution`), nil without one.
  var archive: String?
  /// For a bundle on this machine: its size and modification time, so a file rewritten in
  /// place counts as a new bundle.
  var archiveStamp: String
  /// The server's environment: the attempt's, minus what differs from attempt to attempt.
  var environment: [String: String]

  /// A short stable name for the spec, for directory names.
  var digest: String {
    var text = interpreter.joined(separator: "\u{0}") + "\u{1}" + (archive ?? "") + "\u{1}" + archiveStamp
    for (name, value) in environment.sorted(by: { $0.key < $1.key }) {
      text += "\u{1}" + name + "=" + value
    }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// Variables that differ per attempt or per task and that flytekit reads only when a task runs:
  /// the Flyte execution and task identity, the attempt number, the temporary directory, and
  /// flytekit's `_F_*` settings (serialization context, offloading limits, …).
  static func isPerAttempt(_ name: String) -> Bool {
    name.hasPrefix("FLYTE_INTERNAL_") || name.hasPrefix("_F_") || name == "FLYTE_ATTEMPT_NUMBER" || name == "TMPDIR"
  }

  /// The spec for an attempt whose task process gets `environment`; `attemptOnly` names the
  /// variables set for this attempt alone (array-item indexes, …).
  init(interpreter: [String], archive: String?, environment: [String: String], attemptOnly: Set<String>) {
    self.interpreter = interpreter
    self.archive = archive
    self.archiveStamp = ""
    if let archive, let attributes = try? FileManager.default.attributesOfItem(atPath: Self.localPath(archive)) {
      let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
      let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
      self.archiveStamp = "\(size)@\(modified)"
    }
    self.environment = environment.filter { !Self.isPerAttempt($0.key) && !attemptOnly.contains($0.key) }
  }

  private static func localPath(_ archive: String) -> String {
    archive.hasPrefix("file://") ? String(archive.dropFirst("file://".count)) : archive
  }
}

/// A warm start of one attempt: the server it needs and what to ask it.
struct WarmStart: Sendable {
  var server: WarmServerSpec
  var request: ForkRequest
}
