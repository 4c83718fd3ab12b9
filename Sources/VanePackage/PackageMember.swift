import Foundation

/// A file of a package: its path inside the archive or directory, and its bytes.
struct PackageMember: Sendable {
  /// Relative, `/`-separated path.
  let path: String
  /// The file's bytes.
  let data: Data

  /// The last path component.
  var fileName: String { MemberPath.fileName(of: path) }

  /// Orders members as `pyflyte package` numbers them (`2_x` before `10_y`), then by path.
  static func precedes(_ lhs: PackageMember, _ rhs: PackageMember) -> Bool {
    let left = (lhs.sequenceNumber ?? Int.max, lhs.path)
    let right = (rhs.sequenceNumber ?? Int.max, rhs.path)
    return left < right
  }

  /// The number before the first `_` of the file name, when there is one.
  private var sequenceNumber: Int? {
    let name = fileName
    guard let underscore = name.firstIndex(of: "_") else { return nil }
    return Int(name[name.startIndex..<underscore])
  }
}
