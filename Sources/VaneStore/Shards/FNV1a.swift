/// The 64-bit FNV-1a hash: tiny, stable across processes, platforms and releases — unlike
/// Swift's `Hasher`, which is seeded per process — so every replica maps a key to the same
/// shard and lock id.
public enum FNV1a {
  /// The hash of `bytes`.
  public static func hash64<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01b3
    }
    return hash
  }

  /// The hash of `text`'s UTF-8 bytes.
  public static func hash64(_ text: String) -> UInt64 {
    hash64(text.utf8)
  }
}
