/// Byte-level mutations of a seed input, stacked one to four at a time. No coverage feedback: the
/// seeds are real inputs (flytekit's protobufs and archives, the texts users type), so shallow
/// damage to them reaches deep code, and a fixed seed keeps every run identical.
///
/// The mutations aim at what parsers get wrong: bit flips and odd bytes (`0x00`, `0x7F`, `0x80`,
/// `0xFF`), inserted and deleted runs, truncation, splices from other inputs, repeated chunks
/// (sizes and counts that outgrow their buffers), varints rewritten to huge values (protobuf
/// lengths and tar sizes), digit runs made enormous, dictionary tokens, and deep nesting.
struct Mutator: Sendable {
  /// Tokens worth inserting for this kind of input (`[`, `"`, `ustar`, `value_in(`...).
  var dictionary: [[UInt8]]
  /// No mutant grows beyond this many bytes.
  var maxSize: Int
  /// Opening and closing tokens wrapped around the input many times over to nest it deeply;
  /// nil when the format has no textual nesting.
  var nesting: (open: [UInt8], close: [UInt8])? = nil
  /// Undoes damage that would stop every mutant at the door (a tar header's checksum), applied
  /// to three mutants in four so the door itself is still tried.
  var repair: (@Sendable ([UInt8]) -> [UInt8])? = nil

  enum Kind: CaseIterable {
    case flipBit, setByte, insertBytes, deleteRange, truncate, splice, repeatChunk, hugeVarint, hugeDigits
    case insertToken, nest
  }

  static let oddBytes: [UInt8] = [0x00, 0x01, 0x0A, 0x22, 0x5C, 0x7F, 0x80, 0xC0, 0xFE, 0xFF]
  /// Varints of 2^31, 2^32, 2^63 and 2^64 - 1: lengths and counts that overflow 32- and 64-bit
  /// arithmetic.
  static let hugeVarints: [[UInt8]] = [
    [0x80, 0x80, 0x80, 0x80, 0x08], [0x80, 0x80, 0x80, 0x80, 0x10],
    [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
    [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
  ]
  static let hugeNumbers = [
    "99999999999999999999999", "9223372036854775808", "-9223372036854775809", "77777777777", "1e999",
  ]

  /// `input` with one to four mutations; `corpus` supplies splices.
  func mutate(_ input: [UInt8], corpus: [[UInt8]], using random: inout SeededRandom) -> [UInt8] {
    var bytes = input
    for _ in 0...random.below(4) {
      let kinds = Kind.allCases.filter { $0 != .nest || nesting != nil }
      apply(kinds[random.below(kinds.count)], to: &bytes, corpus: corpus, using: &random)
    }
    if bytes.count > maxSize { bytes = Array(bytes.prefix(maxSize)) }
    if let repair, !random.oneIn(4) { bytes = repair(bytes) }
    return bytes
  }

  private func apply(_ kind: Kind, to bytes: inout [UInt8], corpus: [[UInt8]], using random: inout SeededRandom) {
    let position = random.below(bytes.count + 1)
    switch kind {
    case .flipBit:
      guard position < bytes.count else { return }
      bytes[position] ^= UInt8(1) << UInt8(random.below(8))
    case .setByte:
      guard position < bytes.count else { return }
      bytes[position] =
        random.oneIn(2) ? Self.oddBytes[random.below(Self.oddBytes.count)] : UInt8(truncatingIfNeeded: random.next())
    case .insertBytes:
      let count = 1 + random.below(8)
      bytes.insert(contentsOf: (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: position)
    case .deleteRange:
      guard position < bytes.count else { return }
      bytes.removeSubrange(position..<min(bytes.count, position + 1 + random.below(16)))
    case .truncate:
      bytes.removeSubrange(position...)
    case .splice:
      guard let donor = corpus.isEmpty ? nil : corpus[random.below(corpus.count)], !donor.isEmpty else { return }
      let start = random.below(donor.count)
      let chunk = donor[start..<min(donor.count, start + 1 + random.below(64))]
      if random.oneIn(2) {
        bytes.insert(contentsOf: chunk, at: position)
      } else {
        bytes.replaceSubrange(position..<min(bytes.count, position + chunk.count), with: chunk)
      }
    case .repeatChunk:
      guard position < bytes.count else { return }
      let chunk = Array(bytes[position..<min(bytes.count, position + 1 + random.below(32))])
      let times = [2, 16, 256, 4096][random.below(4)]
      bytes.insert(contentsOf: Array(repeatElement(chunk, count: times).joined()).prefix(maxSize), at: position)
    case .hugeVarint:
      let varint = Self.hugeVarints[random.below(Self.hugeVarints.count)]
      bytes.replaceSubrange(position..<min(bytes.count, position + varint.count), with: varint)
    case .hugeDigits:
      let digits = Array(Self.hugeNumbers[random.below(Self.hugeNumbers.count)].utf8)
      guard let start = bytes.indices.dropFirst(position).first(where: { (0x30...0x39).contains(bytes[$0]) }) else {
        bytes.insert(contentsOf: digits, at: position)
        return
      }
      let end = bytes[start...].firstIndex(where: { !(0x30...0x39).contains($0) }) ?? bytes.count
      bytes.replaceSubrange(start..<end, with: digits)
    case .insertToken:
      guard !dictionary.isEmpty else { return }
      bytes.insert(contentsOf: dictionary[random.below(dictionary.count)], at: position)
    case .nest:
      guard let nesting else { return }
      let depth = [64, 600, 5000][random.below(3)]
      let open = Array(repeatElement(nesting.open, count: depth).joined())
      let close = Array(repeatElement(nesting.close, count: depth).joined())
      bytes = Array((open + bytes + close).prefix(maxSize))
    }
  }
}
