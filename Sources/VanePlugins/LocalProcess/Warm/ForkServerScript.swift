import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The fork server's Python source (protocol `ForkProtocol.version`), shipped inside the binary
/// and written to the warm-start directory when a server is first needed.
///
/// The file's name carries a hash of its text, so engines of different versions sharing a data
/// directory never run each other's script, and a file is written once and never changed.
enum ForkServerScript {
  /// The whole script.
  static var source: String { serverHalf + taskHalf }

  /// `vane_forkserver_<hash of the source>.py`.
  static let fileName: String = {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in (serverHalf + taskHalf).utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return "vane_forkserver_" + String(hash, radix: 16) + ".py"
  }()

  /// Writes the script into `directory` unless it is there already; returns its path.
  static func install(in directory: String) throws -> String {
    let path = directory + "/" + fileName
    if FileManager.default.fileExists(atPath: path) { return path }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    // Written under a private name, then renamed: another engine may be installing it too.
    let temporary = path + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
    try Data(source.utf8).write(to: URL(fileURLWithPath: temporary))
    guard rename(temporary, path) == 0 else {
      let code = errno
      try? FileManager.default.removeItem(atPath: temporary)
      throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
    }
    return path
  }
}
