/// How much one round of one execution may do, and how large a status the engine writes.
///
/// A round stops *starting* nodes once it made `transitions` node transitions or ran for
/// `duration` on the engine's clock; it then writes the status and the events so far and asks
/// for the next round at once. A 10,000-node fan-out thus commits in steps and its first events
/// are visible after one short round, instead of after the one 2 s round that ran it whole.
/// Nodes already started are still visited every round (a task that ended is seen at once,
/// whatever else waits); a node whose visit began goes as far as it can, so a round may exceed
/// `transitions` by the transitions of that one visit.
///
/// Every round rewrites the whole status (node statuses are one blob), so a fixed budget would
/// make a huge graph cost O(nodes²) in writes. The budget therefore grows with the status the
/// round read, so that rewriting it stays a bounded share of the round's work:
/// - by one more step of `transitions` and `duration` for every `growthBytes` of it (a round
///   of a fan-out then adds several times the status it read: rounds grow geometrically, and
///   the status is written about 1.2 times over in all, instead of once);
/// - and by as many steps as make the round run `statusCostMultiple` times as long as its
///   status costs (transitions grow alike, so they do not cut the round short): reading
///   and decoding it this round, comparing, encoding and writing it the round before, measured
///   on the engine's clock. The same rule then holds on a slow machine, under load or in a debug
///   build, where the status costs more per byte than on the machine the bytes were tuned on.
/// The price is that the rounds of a huge graph last longer: a 3.5 MB status (10,000 nodes)
/// allows 214 × the budget. Storing node statuses apart (write only what changed) would let
/// the budget stay fixed.
///
/// `statusBytes` bounds the encoded status. A status over it cannot be written — the stores'
/// blobs are bounded (SQLite 1 GB by default, PostgreSQL `bytea` 1 GB) — so the execution
/// fails with `StatusTooLarge` instead of retrying a write that can never succeed.
public struct RoundLimits: Sendable, Hashable {
  /// Node transitions (phase changes reported as node events) after which a round starts no
  /// more nodes; at least 1.
  public var transitions: Int
  /// How long a round may run before it starts no more nodes, on the engine's clock.
  public var duration: Duration
  /// Status bytes per extra step of the budget; `Int.max` keeps the budget fixed.
  public var growthBytes: Int
  /// A round may run this many times as long as its status costs to read and write; 0: no
  /// such floor.
  public var statusCostMultiple: Int
  /// The largest encoded status the engine writes.
  public var statusBytes: Int

  public init(
    transitions: Int = 1_000, duration: Duration = .milliseconds(50), growthBytes: Int = 16 * 1024,
    statusCostMultiple: Int = 10, statusBytes: Int = 256 * 1024 * 1024
  ) {
    self.transitions = max(1, transitions)
    self.duration = max(duration, .zero)
    self.growthBytes = max(1, growthBytes)
    self.statusCostMultiple = max(0, statusCostMultiple)
    self.statusBytes = max(1, statusBytes)
  }

  /// No bound on rounds (the engine before issue #13); the status bound stays.
  public static let unbounded = RoundLimits(
    transitions: .max, duration: .seconds(86_400 * 365), growthBytes: .max, statusCostMultiple: 0)

  /// The budget of a round that read a status of `bytes` bytes, which costs `statusCost` to
  /// read and write.
  func budget(forStatusOf bytes: Int, statusCost: Duration = .zero) -> RoundBudget {
    let steps = max(min(max(bytes, 0) / growthBytes, Int.max - 1) + 1, costSteps(statusCost))
    let (transitions, overflow) = self.transitions.multipliedReportingOverflow(by: steps)
    // A duration times a step count far past any real round would overflow; cap it at a day.
    let longest = Duration.seconds(86_400)
    let duration = self.duration >= longest / steps ? longest : self.duration * steps
    return RoundBudget(transitions: overflow ? .max : transitions, duration: duration)
  }

  /// The steps that make `duration` at least `statusCostMultiple × statusCost`.
  private func costSteps(_ statusCost: Duration) -> Int {
    guard statusCostMultiple > 0, statusCost > .zero, duration > .zero else { return 1 }
    let steps = (statusCost / duration * Double(statusCostMultiple)).rounded(.up)
    return steps >= Double(Int.max / 2) ? Int.max / 2 : max(1, Int(steps))
  }
}
