/// Checks and normalises the path of an archive member.
enum MemberPath {
  /// `raw` made relative and tidy (`./a//b` → `a/b`), or a problem when it is absolute or
  /// contains a `..` component. An empty result means the archive's root (`./`).
  static func normalize(_ raw: String) -> Result<String, ArchiveProblem> {
    if raw.hasPrefix("/") {
      return .failure(
        ArchiveProblem(
          .unsafeMemberPath, "the member path \(quoted(raw)) is absolute; archive members must be relative",
          member: raw))
    }
    let parts = raw.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
    if parts.contains("..") {
      return .failure(
        ArchiveProblem(
          .unsafeMemberPath, "the member path \(quoted(raw)) climbs out of the archive with '..'",
          member: raw))
    }
    return .success(parts.joined(separator: "/"))
  }

  /// The last component of a normalised path.
  static func fileName(of path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }

  /// `raw` in quotes, with control characters escaped, for messages.
  static func quoted(_ raw: String) -> String {
    "'"
      + raw.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }
      .joined() + "'"
  }
}
