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
/// A round writes only the node statuses it changed (`StatusChanges`), so a fixed budget costs
/// a huge graph no more writes than a small one. What still grows with the graph is the work a
/// round does around them (visiting started nodes, comparing statuses), so the budget also
/// grows by as many steps as make the round run `statusCostMultiple` times as long as its
/// status costs — reading it this round, comparing, encoding and writing it the round before,
/// measured on the engine's clock (transitions grow alike, so they do not cut the round
/// short). The same rule then holds on a slow machine, under load or in a debug build.
///
/// `statusBytes` bounds what a status takes in the store (head and node records), and so what
/// the engine holds of it in memory: an execution whose status would grow past it fails with
/// `StatusTooLarge` instead of retrying a write that can never succeed (Flyte's etcd limit).
public struct RoundLimits: Sendable, Hashable {
  /// Node transitions (phase changes reported as node events) after which a round starts no
  /// more nodes; at least 1.
  public var transitions: Int
  /// How long a round may run before it starts no more nodes, on the engine's clock.
  public var duration: Duration
  /// A round may run this many times as long as its status costs to read and write; 0: no
  /// such floor.
  public var statusCostMultiple: Int
  /// The most a status may take in the store.
  public var statusBytes: Int

  public init(
    transitions: Int = 1_000, duration: Duration = .milliseconds(50), statusCostMultiple: Int = 10,
    statusBytes: Int = 256 * 1024 * 1024
  ) {
    self.transitions = max(1, transitions)
    self.duration = max(duration, .zero)
    self.statusCostMultiple = max(0, statusCostMultiple)
    self.statusBytes = max(1, statusBytes)
  }

  /// No bound on rounds (the engine before issue #13); the status bound stays.
  public static let unbounded = RoundLimits(
    transitions: .max, duration: .seconds(86_400 * 365), statusCostMultiple: 0)

  /// The budget of a round whose status costs `statusCost` to read and write.
  func budget(statusCost: Duration = .zero) -> RoundBudget {
    let steps = costSteps(statusCost)
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
