import FlyteIDL

/// Flyte's phase names, for `phase` filters written with names (`eq(phase,SUCCEEDED)`).
enum PhaseNames {
  static let node: [String: Int64] = [
    "UNDEFINED": 0, "QUEUED": 1, "RUNNING": 2, "SUCCEEDED": 3, "FAILING": 4, "FAILED": 5, "ABORTED": 6,
    "SKIPPED": 7, "TIMED_OUT": 8, "DYNAMIC_RUNNING": 9, "RECOVERED": 10,
  ]
  static let task: [String: Int64] = [
    "UNDEFINED": 0, "QUEUED": 1, "RUNNING": 2, "SUCCEEDED": 3, "ABORTED": 4, "FAILED": 5, "INITIALIZING": 6,
    "WAITING_FOR_RESOURCES": 7, "RETRYABLE_FAILED": 8,
  ]
}
