import Foundation

/// What the data endpoints ask of a path: is it a regular file (a link is not followed), and
/// how big. (Through FileManager, which reads `lstat`: in this module the C `stat` type is
/// owned by whichever clang module included `sys/stat.h` first, and the import checks reject it.)
struct FileStatus {
  let isRegularFile: Bool
  let size: Int64

  /// The status of `path` itself, or nil when it does not exist.
  init?(path: String) {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
    isRegularFile = attributes[.type] as? FileAttributeType == .typeRegular
    size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
  }
}
