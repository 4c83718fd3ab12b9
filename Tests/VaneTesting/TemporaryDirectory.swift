public import Foundation

/// A fresh directory under the system temporary directory, private to one test; `remove()`
/// deletes it with everything in it.
public struct TemporaryDirectory: Sendable {
  /// The absolute path.
  public let path: String

  /// Creates the directory; its name starts with `prefix`.
  public init(_ prefix: String = "vane-tests") throws {
    path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// The directory as a file URL.
  public var url: URL { URL(fileURLWithPath: path) }

  /// Deletes the directory and everything in it.
  public func remove() { try? FileManager.default.removeItem(atPath: path) }

  /// Writes a small file at `relative` (creating directories on the way) and returns its path.
  @discardableResult
  public func file(_ relative: String, _ text: String = "x") throws -> String {
    let full = path + "/" + relative
    try FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    return full
  }
}

/// Runs `body` with a fresh temporary directory, removed afterwards however `body` ends.
public func withTemporaryDirectory<Result>(
  _ prefix: String = "vane-tests", _ body: (TemporaryDirectory) async throws -> Result
) async throws -> Result {
  let directory = try TemporaryDirectory(prefix)
  defer { directory.remove() }
  return try await body(directory)
}
