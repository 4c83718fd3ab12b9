/// Flyte's short, stable identifiers: the unique id of a node within an execution and of a
/// task attempt, and the shard prefix that spreads raw outputs across a bucket.
///
/// The rule (FlytePropeller 1.16): join the parts with `-` (a leading empty part adds no
/// separator); if the result is at most `maxLength` characters use it, otherwise use `f`
/// followed by the FNV-1a 32-bit hash of the joined text in base32 over the alphabet
/// `a…z1…6` without padding — always 8 characters.
public enum UniqueID {
  /// Longest node unique id before it is hashed.
  public static let nodeIDMaxLength = 20
  /// Longest task execution unique id before it is hashed.
  public static let taskExecutionIDMaxLength = 50

  /// The parts joined with `-`, or their hash when that is longer than `maxLength`.
  public static func fixedLength(_ parts: [String], maxLength: Int) -> String {
    var joined = ""
    for (index, part) in parts.enumerated() {
      if index > 0 && !joined.isEmpty { joined += "-" }
      joined += part
    }
    return fixedLength(joined, maxLength: maxLength)
  }

  /// `text`, or `f` + its base32 FNV-1a hash when `text` is longer than `maxLength` bytes.
  public static func fixedLength(_ text: String, maxLength: Int) -> String {
    guard text.utf8.count > maxLength else { return text }
    let hash = fnv1a32(text.utf8)
    let bytes = [
      UInt8(hash >> 24), UInt8(truncatingIfNeeded: hash >> 16), UInt8(truncatingIfNeeded: hash >> 8),
      UInt8(truncatingIfNeeded: hash),
    ]
    return "f" + base32(bytes)
  }

  /// The unique id of a node within its execution: the node id itself at the top level; for a
  /// node inside a branch, subworkflow or dynamic subgraph, `<parent unique id>-<parent
  /// attempt>-<node id>`; hashed when longer than 20 characters.
  public static func node(_ nodeID: String, parentUniqueID: String? = nil, parentAttempt: UInt32? = nil) -> String {
    fixedLength(
      [parentUniqueID ?? "", parentAttempt.map { String($0) } ?? "", nodeID], maxLength: nodeIDMaxLength)
  }

  /// The unique id of one task attempt, `<execution name>-<node unique id>-<attempt>`, hashed
  /// when longer than 50 characters. It names the raw output directory and the process.
  public static func taskExecution(executionName: String, nodeUniqueID: String, attempt: UInt32) -> String {
    fixedLength([executionName, nodeUniqueID, String(attempt)], maxLength: taskExecutionIDMaxLength)
  }

  /// The two-character shard (`aa` … `99`) that raw outputs of `uniqueID` go under: the
  /// FNV-1a 32-bit hash modulo 36², indexing the pairs of `a…z0…9` in order.
  public static func shardPrefix(for uniqueID: String) -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    let count = UInt32(alphabet.count)
    let index = fnv1a32(uniqueID.utf8) % (count * count)
    return String([alphabet[Int(index / count)], alphabet[Int(index % count)]])
  }

  static func fnv1a32(_ bytes: some Sequence<UInt8>) -> UInt32 {
    var hash: UInt32 = 2_166_136_261
    for byte in bytes {
      hash ^= UInt32(byte)
      hash = hash &* 16_777_619
    }
    return hash
  }

  static func base32(_ bytes: [UInt8]) -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz123456")
    var output = ""
    var buffer: UInt32 = 0
    var bits = 0
    for byte in bytes {
      buffer = (buffer << 8) | UInt32(byte)
      bits += 8
      while bits >= 5 {
        bits -= 5
        output.append(alphabet[Int((buffer >> UInt32(bits)) & 31)])
      }
    }
    if bits > 0 { output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
    return output
  }
}
