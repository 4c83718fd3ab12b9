import Foundation

/// One member of a tar archive.
struct TarEntry: Sendable {
  /// What a member is; only files and directories matter to Vane.
  enum Kind: Hashable, Sendable {
    case file
    case directory
    /// Links, devices, FIFOs and vendor types, by their tar type flag.
    case other(UInt8)
  }

  /// The member's path, normalised: relative, `/`-separated, without `.` or empty parts.
  let path: String
  /// What the member is.
  let kind: Kind
  /// The member's contents (empty for everything but files).
  let data: Data
}
