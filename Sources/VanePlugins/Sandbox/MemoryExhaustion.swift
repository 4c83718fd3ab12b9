/// Whether an attempt that ran under a memory limit failed because it ran out of memory, from
/// what it left: the address-space limit (`RLIMIT_AS`) makes allocations fail, so Python raises
/// `MemoryError` (flytekit records it in `error.pb` and exits 0), C code reports ENOMEM or
/// `std::bad_alloc`, and some runtimes abort or crash on the failed allocation. Flyte reports a
/// pod over its memory limit as `OOMKilled`; the plugin uses the same code.
enum MemoryExhaustion {
  /// What the runtimes write when an allocation fails.
  static let evidence = ["MemoryError", "Cannot allocate memory", "std::bad_alloc", "out of memory"]

  /// The `ExecutionError.code` of an attempt over its memory limit (Flyte's spelling).
  static let errorCode = "OOMKilled"

  /// How much of `stderr.log`'s end is read for evidence.
  static let stderrTailBytes = 16 << 10

  /// True when the attempt ran under a memory limit and failed with evidence of a failed
  /// allocation: the task's error (`error.pb`'s message) for a zero exit, its stderr's end for a
  /// non-zero exit or a death by signal. A plain non-zero exit without such words is the task's
  /// own failure, not memory.
  static func classify(
    _ exit: TaskExit, memoryLimited: Bool, taskError: String?, stderrTail: String
  ) -> Bool {
    guard memoryLimited else { return false }
    switch exit {
    case .exited(0):
      return taskError.map(mentionsAllocationFailure) ?? false
    case .exited, .signaled:
      return mentionsAllocationFailure(stderrTail) || taskError.map(mentionsAllocationFailure) == true
    case .launchFailed:
      return false
    }
  }

  static func mentionsAllocationFailure(_ text: String) -> Bool {
    evidence.contains { text.contains($0) }
  }
}
