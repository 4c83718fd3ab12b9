import Foundation

/// What a tar archive holds: the members read, and the problems met while reading it.
struct TarContents: Sendable {
  /// Members in archive order.
  var entries: [TarEntry] = []
  /// Problems, in archive order. A structural problem (bad header, truncation) ends the
  /// reading; an unsafe member path only drops that member.
  var problems: [ArchiveProblem] = []
}

/// Reads tar archives in memory: POSIX ustar, GNU long names (`././@LongLink`, type `L`) and
/// pax extended headers (`path` and `size` records). Nothing is written to disk.
enum TarReader {
  private static let block = TarHeader.blockSize

  /// Whether `bytes` starts with a tar header whose checksum is right, or with the zero block
  /// that ends (here: is) an empty archive.
  static func looksLikeTar(_ bytes: [UInt8]) -> Bool {
    guard bytes.count >= block else { return false }
    if bytes[0..<block].allSatisfy({ $0 == 0 }) { return true }  // an empty archive
    if case .success = TarHeader.parse(bytes[0..<block], offset: 0) { return true }
    return false
  }

  /// Reads every member of `bytes`.
  static func read(_ bytes: [UInt8]) -> TarContents {
    var contents = TarContents()
    var pending = PendingNames()
    var offset = 0
    while offset < bytes.count {
      guard bytes.count - offset >= block else {
        contents.problems.append(
          ArchiveProblem(.tarTruncated, "the tar archive ends inside a header at byte \(offset)"))
        break
      }
      let headerBlock = bytes[offset..<(offset + block)]
      if headerBlock.allSatisfy({ $0 == 0 }) { break }  // end-of-archive marker
      let header: TarHeader
      switch TarHeader.parse(headerBlock, offset: offset) {
      case .success(let parsed): header = parsed
      case .failure(let problem):
        contents.problems.append(problem)
        return contents
      }
      let isExtension = [UInt8(ascii: "L"), UInt8(ascii: "K"), UInt8(ascii: "x"), UInt8(ascii: "g")]
        .contains(header.typeFlag)
      let size = isExtension ? header.size : (pending.size ?? header.size)
      let dataStart = offset + block
      guard size <= bytes.count - dataStart else {
        let name = pending.name ?? header.name
        contents.problems.append(
          ArchiveProblem(
            .tarTruncated,
            "the tar archive ends inside member \(MemberPath.quoted(name)): it declares \(size) bytes,"
              + " only \(bytes.count - dataStart) remain",
            member: name))
        break
      }
      let data = bytes[dataStart..<(dataStart + size)]
      offset = dataStart + (size + block - 1) / block * block
      if isExtension {
        if let problem = pending.absorb(header.typeFlag, data) {
          contents.problems.append(problem)
          return contents
        }
        continue
      }
      let rawName = pending.name ?? header.name
      pending = PendingNames()
      switch member(rawName, header.typeFlag, data) {
      case .success(let entry?): contents.entries.append(entry)
      case .success(nil): continue
      case .failure(let problem): contents.problems.append(problem)
      }
    }
    return contents
  }

  /// The entry for one member, `nil` for the archive root directory.
  private static func member(
    _ rawName: String, _ typeFlag: UInt8, _ data: ArraySlice<UInt8>
  ) -> Result<TarEntry?, ArchiveProblem> {
    let path: String
    switch MemberPath.normalize(rawName) {
    case .success(let normalized): path = normalized
    case .failure(let problem): return .failure(problem)
    }
    let kind: TarEntry.Kind
    switch typeFlag {
    case 0, UInt8(ascii: "0"), UInt8(ascii: "7"):
      kind = rawName.hasSuffix("/") ? .directory : .file
    case UInt8(ascii: "5"):
      kind = .directory
    default:
      kind = .other(typeFlag)
    }
    if path.isEmpty {
      guard kind == .directory else {
        return .failure(ArchiveProblem(.tarCorrupt, "a tar member has an empty name"))
      }
      return .success(nil)
    }
    return .success(TarEntry(path: path, kind: kind, data: kind == .file ? Data(data) : Data()))
  }
}

/// Names and sizes that GNU long-name and pax headers give to the member after them.
private struct PendingNames {
  var longName: String?
  var paxPath: String?
  var size: Int?

  /// The pax path wins over a GNU long name, which wins over the header's own name.
  var name: String? { paxPath ?? longName }

  /// Takes in the data of an extension header; returns a problem when it is malformed.
  mutating func absorb(_ typeFlag: UInt8, _ data: ArraySlice<UInt8>) -> ArchiveProblem? {
    switch typeFlag {
    case UInt8(ascii: "L"):
      longName = TarHeader.string(data)
    case UInt8(ascii: "x"):
      switch PaxRecords.parse(data) {
      case .failure(let problem): return problem
      case .success(let records):
        if let path = records["path"] { paxPath = path }
        if let text = records["size"] {
          guard let value = Int(text), value >= 0 else {
            return ArchiveProblem(.tarCorrupt, "a pax extended header has an invalid size '\(text)'")
          }
          size = value
        }
      }
    default:
      break  // `K` (long link names) and `g` (global headers) do not affect what Vane reads.
    }
    return nil
  }
}
