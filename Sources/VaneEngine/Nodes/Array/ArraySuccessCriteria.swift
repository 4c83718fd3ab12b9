import FlyteIDL

/// When an array node as a whole succeeds: at least `min_successes` items, or the fraction
/// `min_success_ratio` of them (rounded up), or else all of them.
enum ArraySuccessCriteria {
  static func minSuccesses(_ array: Flyteidl_Core_ArrayNode, count: Int) -> Int {
    switch array.successCriteria {
    case .minSuccesses(let minimum)?:
      return Int(minimum)
    case .minSuccessRatio(let ratio)?:
      // The ratio travels as a 32-bit float: 0.3 arrives as 0.30000001, and 0.30000001 × 10
      // rounded up would ask for 4 of 10 items. A relative tolerance far above the float's
      // error (2⁻²⁴ relative) and far below one item keeps 0.3 × 10 at 3, as the user meant.
      let exact = Double(min(max(ratio, 0), 1)) * Double(count)
      return Int((exact - 1e-7 * max(1, exact)).rounded(.up))
    case nil:
      return count
    }
  }
}
