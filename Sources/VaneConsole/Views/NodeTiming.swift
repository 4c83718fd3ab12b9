public import Foundation
import SwiftProtobuf
public import VaneModel

/// When a node (or a group of nodes) waited, ran and stopped — what the timeline draws and
/// the critical path is computed from. Times are absolute; `stopped` is nil while running.
public struct NodeTiming: Sendable, Hashable {
  public var queued: Date?
  public var started: Date?
  /// When the last attempt began, when there were earlier attempts.
  public var lastAttemptStarted: Date?
  public var stopped: Date?
  public var attempts: Int

  public init(
    queued: Date? = nil, started: Date? = nil, lastAttemptStarted: Date? = nil, stopped: Date? = nil, attempts: Int = 0
  ) {
    self.queued = queued
    self.started = started
    self.lastAttemptStarted = lastAttemptStarted
    self.stopped = stopped
    self.attempts = attempts
  }

  /// The timing the engine recorded for one node.
  public init(_ status: Vane_NodeStatus) {
    self.init(
      queued: status.hasQueuedAt ? status.queuedAt.date : nil,
      started: status.hasStartedAt ? status.startedAt.date : nil,
      lastAttemptStarted: status.attempts > 1 && status.hasLastAttemptStartedAt
        ? status.lastAttemptStartedAt.date : nil,
      stopped: status.hasStoppedAt ? status.stoppedAt.date : nil, attempts: Int(status.attempts))
  }

  /// One span covering every member: earliest queue and start, latest stop (nil while any
  /// member that started still runs).
  public static func covering(_ timings: [NodeTiming]) -> NodeTiming {
    let started = timings.compactMap(\.started)
    let running = timings.contains { $0.started != nil && $0.stopped == nil }
    return NodeTiming(
      queued: timings.compactMap(\.queued).min(), started: started.min(), lastAttemptStarted: nil,
      stopped: running || started.isEmpty ? nil : timings.compactMap(\.stopped).max(),
      attempts: timings.map(\.attempts).max() ?? 0)
  }

  /// When the node finished, or `now` while it runs; nil before it started.
  public func end(now: Date) -> Date? {
    guard started != nil else { return nil }
    return stopped ?? now
  }
}
