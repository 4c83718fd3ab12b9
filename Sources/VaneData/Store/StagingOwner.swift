/// Who staged a write: the execution whose round is running, set by the engine around the
/// round (`StagingOwner.$current.withValue(key) { … }`) and inherited by the child tasks the
/// round starts.
///
/// A staged write that fails belongs to its owner alone. Only a flush by the same owner (or,
/// for writes staged with no owner, a flush with no owner) retries it and, if it fails again,
/// throws — and forgets it, since the round that staged it failed and will stage its files
/// anew. One execution whose files cannot be written (a name too long for the file system, a
/// full disk under its folder) then fails its own rounds, never another execution's flushes.
public enum StagingOwner {
  /// The owner of writes staged by the current task; nil outside any round.
  @TaskLocal public static var current: String?
}
