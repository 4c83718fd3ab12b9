public import Foundation
import Synchronization

/// What a replica last knew about its group, for `/healthz`, `vane get replicas` and tests:
/// updated after every heartbeat.
public final class ReplicaStatus: Sendable {
  /// One snapshot.
  public struct Snapshot: Codable, Hashable, Sendable {
    /// This replica's id.
    public var id: String
    /// The shards it holds, by number.
    public var shards: [Int]
    /// Whether it leads the group.
    public var leader: Bool
    /// The live members it saw in its last heartbeat.
    public var members: [String]
    /// Lease renewals since it started.
    public var renewals: Int
    /// Shards acquired since it started (at start, by rebalancing, or taken over).
    public var acquired: Int
    /// Shards lost since it started (a renewal came too late: another replica took them).
    public var lost: Int
    /// When its last heartbeat succeeded; nil before the first.
    public var lastHeartbeat: Date?
    /// The last heartbeat's failure, if it failed.
    public var lastError: String?
  }

  private let state: Mutex<Snapshot>

  /// A status for replica `id` before its first heartbeat.
  public init(id: String) {
    state = Mutex(
      Snapshot(
        id: id, shards: [], leader: false, members: [], renewals: 0, acquired: 0, lost: 0, lastHeartbeat: nil,
        lastError: nil))
  }

  /// The current snapshot.
  public var snapshot: Snapshot { state.withLock { $0 } }

  func record(_ report: HeartbeatReport, shards: [Int], at date: Date) {
    state.withLock { snapshot in
      snapshot.shards = shards
      snapshot.leader = report.leads
      snapshot.members = report.members
      snapshot.renewals += report.renewed
      snapshot.acquired += report.gained.count
      snapshot.lost += report.lost.count
      snapshot.lastHeartbeat = date
      snapshot.lastError = nil
    }
  }

  func record(failure: String) {
    state.withLock { $0.lastError = failure }
  }
}
