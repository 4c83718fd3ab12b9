/// How an execution's last round went, for sizing its next one (`RoundLimits.budget`).
struct RoundPace: Sendable {
  /// How long finding what changed in its status took.
  var compareCost = Duration.zero
  /// Rounds in a row that spent their whole budget.
  var spentRounds = 0
}
