public import SwiftProtobuf

extension WallTime {
  /// The instant a protobuf timestamp records, exactly (to its nanosecond).
  public init(_ timestamp: Google_Protobuf_Timestamp) {
    self.init(sinceEpoch: .seconds(timestamp.seconds) + .nanoseconds(Int64(timestamp.nanos)))
  }

  /// The instant as a protobuf timestamp, to the nanosecond (rounded down), so that reading it
  /// back gives the same instant — no trip through `Date`'s binary fractions.
  public var timestamp: Google_Protobuf_Timestamp {
    let (seconds, attoseconds) = sinceEpoch.components
    let nanoseconds = attoseconds / 1_000_000_000
    var timestamp = Google_Protobuf_Timestamp()
    // Durations before 1970 carry negative attoseconds; protobuf wants nanos in 0..<1e9.
    timestamp.seconds = nanoseconds < 0 ? seconds - 1 : seconds
    timestamp.nanos = Int32(nanoseconds < 0 ? nanoseconds + 1_000_000_000 : nanoseconds)
    return timestamp
  }
}

extension Duration {
  /// The duration in seconds, for messages (`2s`, `0.3s`).
  public var secondsText: String {
    let (seconds, attoseconds) = components
    guard attoseconds != 0 else { return "\(seconds)s" }
    return "\(Double(seconds) + Double(attoseconds) / 1e18)s"
  }
}
