import CZlib
import Foundation

/// Decompresses gzip data with zlib, member after member.
///
/// Concatenated gzip members are decompressed one after the other, as `gzip -d` does; zero
/// bytes after the last member (block padding) are ignored; anything else after it is an
/// error. Output beyond `limit` bytes is an error, so a small hostile file cannot exhaust
/// memory.
enum GzipInflater {
  /// The two bytes every gzip stream starts with.
  static func hasGzipMagic(_ data: Data) -> Bool {
    data.count >= 2 && data[data.startIndex] == 0x1f && data[data.startIndex + 1] == 0x8b
  }

  /// The decompressed bytes of `data`.
  static func inflate(_ data: Data, limit: Int) throws(ArchiveProblem) -> Data {
    guard !data.isEmpty else {
      throw ArchiveProblem(.gzipTruncated, "the gzip stream is empty")
    }
    guard data.count <= Int(UInt32.max) else {
      throw ArchiveProblem(.tooLarge, "the compressed file is larger than 4 GiB")
    }
    let result: Result<Data, ArchiveProblem> = data.withUnsafeBytes { input in
      guard let base = input.baseAddress else {
        return .failure(ArchiveProblem(.gzipTruncated, "the gzip stream is empty"))
      }
      var stream = z_stream()
      // 15 + 32: the largest window, with gzip (or zlib) header detection.
      let status = inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
      guard status == Z_OK else {
        return .failure(ArchiveProblem(.gzipCorrupt, "zlib could not start (status \(status))"))
      }
      defer { inflateEnd(&stream) }
      stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
      stream.avail_in = uInt(input.count)
      return run(&stream, input: input, limit: limit)
    }
    return try result.get()
  }

  /// Drives `inflate` over the whole input.
  private static func run(
    _ stream: inout z_stream, input: UnsafeRawBufferPointer, limit: Int
  ) -> Result<Data, ArchiveProblem> {
    var output = Data()
    let chunkSize = 64 * 1024
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    var member = 1
    while true {
      let (status, produced) = chunk.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
        stream.next_out = buffer.baseAddress
        stream.avail_out = uInt(chunkSize)
        let status = CZlib.inflate(&stream, Z_NO_FLUSH)
        return (status, chunkSize - Int(stream.avail_out))
      }
      if produced > 0 {
        guard output.count + produced <= limit else {
          return .failure(ArchiveProblem(.tooLarge, "the archive expands to more than \(limit) bytes"))
        }
        output.append(contentsOf: chunk[0..<produced])
      }
      switch status {
      case Z_OK:
        continue
      case Z_STREAM_END:
        let remaining = Int(stream.avail_in)
        if remaining == 0 { return .success(output) }
        let rest = UnsafeRawBufferPointer(rebasing: input[(input.count - remaining)...])
        if rest.allSatisfy({ $0 == 0 }) { return .success(output) }
        guard rest.count >= 2, rest[0] == 0x1f, rest[1] == 0x8b else {
          return .failure(
            ArchiveProblem(
              .gzipCorrupt, "\(remaining) unexpected bytes follow the end of gzip member \(member)"))
        }
        member += 1
        guard inflateReset(&stream) == Z_OK else {
          return .failure(ArchiveProblem(.gzipCorrupt, "zlib could not start gzip member \(member)"))
        }
      case Z_BUF_ERROR where stream.avail_in == 0:
        return .failure(
          ArchiveProblem(
            .gzipTruncated,
            "the gzip stream ends early, in member \(member) after \(output.count) decompressed bytes;"
              + " the file is truncated (an interrupted copy or download?)"))
      case Z_BUF_ERROR where produced > 0:
        continue
      case Z_BUF_ERROR:
        return .failure(ArchiveProblem(.gzipCorrupt, "the gzip data is corrupt (no progress) in member \(member)"))
      case Z_DATA_ERROR, Z_NEED_DICT:
        let reason = stream.msg.map { String(cString: $0) } ?? "invalid compressed data"
        return .failure(ArchiveProblem(.gzipCorrupt, "the gzip data is corrupt (\(reason)) in member \(member)"))
      case Z_MEM_ERROR:
        return .failure(ArchiveProblem(.tooLarge, "zlib ran out of memory"))
      default:
        return .failure(ArchiveProblem(.gzipCorrupt, "zlib failed with status \(status) in member \(member)"))
      }
    }
  }
}
