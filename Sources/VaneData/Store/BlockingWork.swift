import Dispatch

/// Runs work that blocks its thread (waiting on a condition variable, `syncfs`) on a dispatch
/// thread and suspends the caller meanwhile. Swift's cooperative pool has one thread per core
/// (two here); blocking them stalls every other task in the process, including the ones that
/// would unblock the work. Dispatch's global queues add threads when theirs block.
enum BlockingWork {
  static func run<Failure: Error>(_ work: @escaping @Sendable () throws(Failure) -> Void) async throws(Failure) {
    let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, Failure>, Never>) in
      DispatchQueue.global(qos: .userInitiated).async {
        do throws(Failure) {
          try work()
          continuation.resume(returning: .success(()))
        } catch {
          continuation.resume(returning: .failure(error))
        }
      }
    }
    try result.get()
  }
}
