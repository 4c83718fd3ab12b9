import Foundation
import NIOCore
import VaneData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A local file read or written at offsets (`pread`/`pwrite`), for streamed transfers.
struct LocalFile: Sendable {
  let descriptor: Int32
  let path: String

  init(openForReading path: String, uri: DataURI) throws(DataError) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw Self.failure("open \(path)", uri: uri) }
    self.descriptor = descriptor
    self.path = path
  }

  init(createForWriting path: String, uri: DataURI) throws(DataError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw Self.failure("create \(path)", uri: uri) }
    self.descriptor = descriptor
    self.path = path
  }

  func close() { _ = Glibc.close(descriptor) }

  func size() throws(DataError) -> Int {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw Self.failure("stat \(path)", uri: DataURI(filePath: path)) }
    return Int(info.st_size)
  }

  /// `count` bytes from `offset` (fewer only at the end of the file).
  func read(at offset: Int, count: Int) throws(DataError) -> Data {
    var data = Data(count: count)
    var filled = 0
    while filled < count {
      let got = data.withUnsafeMutableBytes {
        pread(descriptor, $0.baseAddress! + filled, count - filled, off_t(offset + filled))
      }
      if got < 0 {
        if errno == EINTR { continue }
        throw Self.failure("read \(path)", uri: DataURI(filePath: path))
      }
      if got == 0 { break }
      filled += got
    }
    data.count = filled
    return data
  }

  /// Writes `buffer` at `offset`.
  func write(_ buffer: ByteBuffer, at offset: Int, uri: DataURI) throws(DataError) {
    var done = 0
    let total = buffer.readableBytes
    while done < total {
      let wrote = buffer.withUnsafeReadableBytes {
        pwrite(descriptor, $0.baseAddress! + done, total - done, off_t(offset + done))
      }
      if wrote < 0 {
        if errno == EINTR { continue }
        throw Self.failure("write \(path)", uri: uri)
      }
      done += wrote
    }
  }

  private static func failure(_ action: String, uri: DataURI) -> DataError {
    let code = errno
    return DataError(
      code == ENOENT ? .notFound : .ioFailed, "could not \(action): \(String(cString: strerror(code)))", uri: uri)
  }
}
