public import FlyteIDL
import Foundation

/// Logs that are files on this machine (`file://` links of local task processes), read only
/// under the given directories: a log link is data a task's plugin wrote, and the console
/// must not become a way to read any file the server can.
public struct FileLogReader: LogReader {
  /// Absolute directories logs may be read from (the data directory).
  public var roots: [String]

  public init(roots: [String]) {
    self.roots = roots.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }
  }

  public func read(_ link: Flyteidl_Core_TaskLog, from offset: Int, limit: Int) async throws(ConsoleError) -> LogChunk?
  {
    guard let path = Self.path(link.uri) else { return nil }
    let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    guard roots.contains(where: { resolved == $0 || resolved.hasPrefix($0 + "/") }) else {
      throw ConsoleError(.forbidden, "the log is outside the server's data directory", at: link.uri)
    }
    guard let handle = FileHandle(forReadingAtPath: resolved) else {
      return LogChunk(data: Data(), nextOffset: 0, size: 0)
    }
    defer { try? handle.close() }
    do {
      let size = Int(try handle.seekToEnd())
      let start = min(max(0, offset), size)
      try handle.seek(toOffset: UInt64(start))
      let data = try handle.read(upToCount: max(0, min(limit, size - start))) ?? Data()
      return LogChunk(data: data, nextOffset: start + data.count, size: size)
    } catch {
      throw ConsoleError(.internalError, "cannot read the log: \(error)", at: link.uri)
    }
  }

  /// The path of a `file://` URI or an absolute path; nil for anything else.
  static func path(_ uri: String) -> String? {
    if uri.hasPrefix("/") { return uri }
    guard let url = URL(string: uri), url.isFileURL else { return nil }
    return url.path
  }
}
