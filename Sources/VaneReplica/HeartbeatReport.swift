/// What one heartbeat changed, for the service to act on (resync gained shards, start or stop
/// the singletons) and to count.
public struct HeartbeatReport: Hashable, Sendable {
  /// Shards acquired in this beat.
  public var gained: [Int] = []
  /// Shards whose renewal failed: another replica took them (this one was too late).
  public var lost: [Int] = []
  /// Shards given up for a fair share (after a beat of draining).
  public var released: [Int] = []
  /// Shards renewed.
  public var renewed = 0
  /// Whether this replica leads the group after the beat.
  public var leads = false
  /// The live members seen, by id.
  public var members: [String] = []
  /// How many shards this replica holds after the beat.
  public var held = 0

  /// An empty report.
  public init() {}
}
