import Foundation

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

extension LocalFiles {
  /// Bytes moved per read/write when copying a file: memory stays at one chunk whatever the size.
  static let copyChunkBytes = 1 << 20

  /// Copies the file at `source` to `target` through a temporary file renamed into place, one
  /// chunk at a time; `durable` flushes the file before the rename and the directory after it.
  static func copyAtomically(from source: String, to target: String, uri: DataURI, durable: Bool) throws(DataError) {
    let input = open(source, O_RDONLY | O_CLOEXEC)
    guard input >= 0 else {
      let code = errno
      throw DataError(
        code == ENOENT ? .notFound : .ioFailed,
        "could not open \(source) to copy it: \(String(cString: strerror(code)))", uri: uri)
    }
    defer { close(input) }
    try copyAtomically(from: input, named: source, to: target, uri: uri, durable: durable)
  }

  /// Copies from the open descriptor `input` (the file `source`) like `copyAtomically(from:to:uri:durable:)`.
  static func copyAtomically(
    from input: Int32, named source: String, to target: String, uri: DataURI, durable: Bool
  ) throws(DataError) {
    try writeAtomically(path: target, uri: uri, durable: durable) { (output) throws(DataError) in
      var buffer = [UInt8](repeating: 0, count: copyChunkBytes)
      while true {
        let count = buffer.withUnsafeMutableBytes { SystemCall.read(input, $0.baseAddress, $0.count) }
        if count < 0 {
          if errno == EINTR { continue }
          throw failure(errno, "read \(source)", uri)
        }
        if count == 0 { return }
        try writeAll(Data(buffer[0..<count]), to: output, uri: uri)
      }
    }
  }
}
