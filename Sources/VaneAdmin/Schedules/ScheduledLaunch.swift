public import Foundation
public import VaneModel

/// One run of a scheduled launch plan: which plan, for which time, under which name.
public struct ScheduledLaunch: Sendable, Hashable {
  public var plan: EntityKey
  /// The scheduled time (not when it actually fired).
  public var time: Date
  /// The launch plan input that receives `time`, or empty.
  public var kickoffInput: String
  /// Deterministic from plan and time, so firing the same run twice is one execution.
  public var executionName: String

  public init(plan: EntityKey, time: Date, kickoffInput: String) {
    self.plan = plan
    self.time = time
    self.kickoffInput = kickoffInput
    self.executionName = Self.name(plan, time)
  }

  /// `f` and 16 hex digits of an FNV-1a hash of `project:domain:name:version:unix seconds`
  /// (Flyte hashes the same parts for its scheduled execution names).
  public static func name(_ plan: EntityKey, _ time: Date) -> String {
    let seconds = Int64(time.timeIntervalSince1970.rounded(.down))
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in "\(plan.project):\(plan.domain):\(plan.name):\(plan.version):\(seconds)".utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let digits = String(hash, radix: 16)
    return "f" + String(repeating: "0", count: 16 - digits.count) + digits
  }
}
