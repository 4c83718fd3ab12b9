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
/// status costs — reading it this round and finding what changed the round before, measured
/// on the engine's clock (transitions grow alike, so they do not cut the round short). The
/// same rule then holds on a slow machine, under load or in a debug build. Writing node data
/// and the changed records is not counted: it is proportional to the round's own work, and
/// counting it would only make every round longer than the last.
///
/// An execution's first round is shorter still (`firstRoundDuration`): its start and first
/// nodes are committed, and visible, as soon as they can be. After that, each round that
/// spent its whole budget doubles the next one's, up to `longestDuration`: a commit has a
/// fixed cost (node data and the status each take a sync), and an execution with thousands of
/// nodes still to start would otherwise pay it every 50 ms. A round that ends with budget
/// left starts the doubling over.
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
  /// How long an execution's first round may run before it starts no more nodes: short, so
  /// that the execution's start and its first nodes are committed (visible to every reader)
  /// at once, whatever the size of the graph; at most `duration`.
  public var firstRoundDuration: Duration
  /// The longest a round's time budget grows to by doubling (at least `duration`).
  public var longestDuration: Duration
  /// A round may run this many times as long as its status costs to read and compare; 0: no
  /// such floor.
  public var statusCostMultiple: Int
  /// The most a status may take in the store.
  public var statusBytes: Int

  public init(
    transitions: Int = 1_000, duration: Duration = .milliseconds(50), firstRoundDuration: Duration = .milliseconds(10),
    longestDuration: Duration = .milliseconds(800), statusCostMultiple: Int = 10, statusBytes: Int = 256 * 1024 * 1024
  ) {
    self.transitions = max(1, transitions)
    self.duration = max(duration, .zero)
    self.firstRoundDuration = min(max(firstRoundDuration, .zero), self.duration)
    self.longestDuration = max(longestDuration, self.duration)
    self.statusCostMultiple = max(0, statusCostMultiple)
    self.statusBytes = max(1, statusBytes)
  }

  /// No bound on rounds (the engine before issue #13); the status bound stays.
  public static let unbounded = RoundLimits(
    transitions: .max, duration: .seconds(86_400 * 365), firstRoundDuration: .seconds(86_400 * 365),
    longestDuration: .seconds(86_400 * 365), statusCostMultiple: 0)

  /// The budget of a round whose status costs `statusCost` to read and compare, after
  /// `spentRounds` rounds in a row that spent their whole budget; the first round of an
  /// execution gets `firstRoundDuration`.
  func budget(statusCost: Duration = .zero, firstRound: Bool = false, spentRounds: Int = 0) -> RoundBudget {
    if firstRound { return RoundBudget(transitions: transitions, duration: firstRoundDuration) }
    let steps = max(costSteps(statusCost), doublingSteps(spentRounds))
    let (transitions, overflow) = self.transitions.multipliedReportingOverflow(by: steps)
    // A duration times a step count far past any real round would overflow; cap it at a day.
    let longest = Duration.seconds(86_400)
    let duration = self.duration >= longest / steps ? longest : self.duration * steps
    return RoundBudget(transitions: overflow ? .max : transitions, duration: duration)
  }

  /// 2^`spentRounds`, but no more steps than fit in `longestDuration`.
  private func doublingSteps(_ spentRounds: Int) -> Int {
    guard duration > .zero else { return 1 }
    let most = max(1, Int((longestDuration / duration).rounded(.down)))
    return spentRounds >= 62 ? most : min(1 << max(spentRounds, 0), most)
  }

  /// The steps that make `duration` at least `statusCostMultiple × statusCost`.
  private func costSteps(_ statusCost: Duration) -> Int {
    guard statusCostMultiple > 0, statusCost > .zero, duration > .zero else { return 1 }
    let steps = (statusCost / duration * Double(statusCostMultiple)).rounded(.up)
    return steps >= Double(Int.max / 2) ? Int.max / 2 : max(1, Int(steps))
  }
}
