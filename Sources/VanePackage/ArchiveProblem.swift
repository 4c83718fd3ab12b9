import VaneModel

/// A problem the gzip and tar readers find, before the loader knows the archive's path.
struct ArchiveProblem: VaneError, Hashable {
  /// What went wrong.
  let code: PackageError.Code
  /// What the user should know.
  let message: String
  /// The tar member the problem is about, when there is one.
  let member: String?

  /// The member, when there is one (the loader adds the archive's path).
  var location: String? { member }

  init(_ code: PackageError.Code, _ message: String, member: String? = nil) {
    self.code = code
    self.message = message
    self.member = member
  }
}
