public import FlyteIDL
public import Foundation

/// Reads a task attempt's log through one of its log links, from a byte offset on, so a page
/// can show the tail and follow a running task.
public protocol LogReader: Sendable {
  /// Up to `limit` bytes of the log from `offset`; nil when this reader cannot read the link
  /// (another reader may). A log that does not exist yet reads as empty.
  func read(_ link: Flyteidl_Core_TaskLog, from offset: Int, limit: Int) async throws(ConsoleError) -> LogChunk?
}

/// Part of a log and where the next read continues.
public struct LogChunk: Sendable, Hashable {
  public var data: Data
  public var nextOffset: Int
  /// The log's size when it was read (`nextOffset` < `size` means more is there already).
  public var size: Int

  public init(data: Data, nextOffset: Int, size: Int) {
    self.data = data
    self.nextOffset = nextOffset
    self.size = size
  }
}

/// Tries each reader in turn; the first that can read a link answers.
public struct LogReaders: LogReader {
  public var readers: [any LogReader]

  public init(_ readers: [any LogReader]) {
    self.readers = readers
  }

  public func read(_ link: Flyteidl_Core_TaskLog, from offset: Int, limit: Int) async throws(ConsoleError) -> LogChunk?
  {
    for reader in readers {
      if let chunk = try await reader.read(link, from: offset, limit: limit) { return chunk }
    }
    return nil
  }
}
