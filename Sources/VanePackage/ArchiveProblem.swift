/// A problem the gzip and tar readers find, before the loader knows the archive's path.
struct ArchiveProblem: Error, Hashable, Sendable {
  /// What went wrong.
  let code: PackageError.Code
  /// What the user should know.
  let message: String
  /// The tar member the problem is about, when there is one.
  let member: String?

  init(_ code: PackageError.Code, _ message: String, member: String? = nil) {
    self.code = code
    self.message = message
    self.member = member
  }
}
