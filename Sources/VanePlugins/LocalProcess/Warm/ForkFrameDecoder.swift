/// Cuts a byte stream into frames (4-byte big-endian length, then the payload), refusing any
/// frame over `maximum` bytes before buffering it.
struct ForkFrameDecoder {
  let maximum: Int
  private var buffer: [UInt8] = []
  private var start = 0

  init(maximum: Int) { self.maximum = maximum }

  /// Appends bytes read from the stream.
  mutating func append(_ bytes: some Sequence<UInt8>) {
    buffer.append(contentsOf: bytes)
  }

  /// The next complete frame's payload, nil until one is complete.
  mutating func next() throws(ForkProtocolError) -> ArraySlice<UInt8>? {
    guard buffer.count - start >= 4 else { return nil }
    let length = buffer[start..<start + 4].reduce(0) { ($0 << 8) | Int($1) }
    guard length <= maximum else {
      throw ForkProtocolError("a frame of \(length) bytes is over the limit of \(maximum)")
    }
    guard buffer.count - start - 4 >= length else { return nil }
    let payload = buffer[start + 4..<start + 4 + length]
    start += 4 + length
    if start == buffer.count {
      buffer.removeAll(keepingCapacity: true)
      start = 0
    } else if start > 1 << 16 {
      buffer.removeFirst(start)
      start = 0
    }
    return payload
  }

  /// Bytes of an unfinished frame.
  var pendingByteCount: Int { buffer.count - start }
}
