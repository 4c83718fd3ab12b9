/// SplitMix64: a small generator whose whole state is one number, so a campaign replays exactly
/// from its seed on any machine (the system generator is not seedable, and Swift's hashing is
/// per-process unless SWIFT_DETERMINISTIC_HASHING is set — campaigns never iterate a Set or a
/// Dictionary for that reason).
struct SeededRandom: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }

  /// A value in `0..<bound` (`bound` > 0).
  mutating func below(_ bound: Int) -> Int {
    Int(next() % UInt64(bound))
  }

  /// True with probability 1 / `odds`.
  mutating func oneIn(_ odds: Int) -> Bool {
    below(odds) == 0
  }
}
