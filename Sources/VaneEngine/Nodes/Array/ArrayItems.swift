import FlyteIDL
import Foundation
import VaneModel

/// The items of one array node while a visit works on them: the packed per-item bytes of
/// `Vane_ArrayStatus` unpacked once per visit into plain arrays (so updating one item costs
/// O(1), never a copy of the whole array) and packed back once at the end.
///
/// Item life cycle (phase byte, Flyte's node phase numbers):
///
///     notYetStarted ─▶ running ─┬─▶ succeeded
///                       ▲       ├─▶ failed        (error final or budget spent)
///                       └─ retryable ◀┘           (a new attempt starts at once)
///     running / retryable ─▶ aborted              (the array node stopped)
///
/// Items start in index order, so the items started so far are exactly those below
/// `nextToStart`; items in flight (running or retryable) are the keys of `taskPhases`.
struct ArrayItems {
  var phases: [UInt8]
  var attempts: [UInt8]
  var systemFailures: [UInt8]
  var succeeded: Int
  var failed: Int
  var aborted = 0
  var pluginStates: [UInt32: Data]
  var pluginStateVersions: [UInt32: UInt32]
  /// The last task phase reported per item in flight; its keys are the items in flight.
  var taskPhases: [UInt32: Int32]
  /// The error of the failed item with the lowest index, its message prefixed with that index:
  /// the same item whatever order the items ended in.
  var firstError: Flyteidl_Core_ExecutionError?
  var firstErrorItem = 0
  /// The files of in-memory item outputs (see `ArrayOutputChunks`), by lowest item index.
  var outputChunks: [UInt32] = []

  var count: Int { phases.count }
  var inFlightCount: Int { taskPhases.count }
  var nextToStart: Int { succeeded + failed + aborted + taskPhases.count }
  /// Items in flight in index order.
  var inFlight: [Int] { taskPhases.keys.map { Int($0) }.sorted() }
  var isDone: Bool { taskPhases.isEmpty && nextToStart >= count }

  /// `count` items, none started.
  init(count: Int) {
    phases = Array(repeating: UInt8(NodePhase.notYetStarted.rawValue), count: count)
    attempts = Array(repeating: 0, count: count)
    systemFailures = Array(repeating: 0, count: count)
    succeeded = 0
    failed = 0
    pluginStates = [:]
    pluginStateVersions = [:]
    taskPhases = [:]
  }

  /// Unpacks a stored status.
  init(_ stored: Vane_ArrayStatus) {
    phases = [UInt8](stored.phases)
    attempts = [UInt8](stored.attempts)
    systemFailures = [UInt8](stored.systemFailures)
    if attempts.count != phases.count { attempts = Array(repeating: 0, count: phases.count) }
    if systemFailures.count != phases.count { systemFailures = Array(repeating: 0, count: phases.count) }
    succeeded = Int(stored.succeeded)
    failed = Int(stored.failed)
    pluginStates = stored.pluginStates
    pluginStateVersions = stored.pluginStateVersions
    taskPhases = stored.taskPhases
    aborted = phases.lazy.filter { $0 == UInt8(NodePhase.aborted.rawValue) }.count
    outputChunks = stored.outputChunks
    if stored.hasFirstError {
      firstError = stored.firstError
      firstErrorItem = Int(stored.firstErrorItem)
    }
  }

  /// Packs the items back into the stored form.
  var stored: Vane_ArrayStatus {
    var status = Vane_ArrayStatus()
    status.phases = Data(phases)
    status.attempts = Data(attempts)
    // Usually no item had a system failure: then the column is left empty (read as zeros).
    status.systemFailures = systemFailures.contains { $0 != 0 } ? Data(systemFailures) : Data()
    status.succeeded = UInt32(succeeded)
    status.failed = UInt32(failed)
    status.pluginStates = pluginStates
    status.pluginStateVersions = pluginStateVersions
    status.taskPhases = taskPhases
    status.outputChunks = outputChunks
    if let firstError {
      status.firstError = firstError
      status.firstErrorItem = UInt32(firstErrorItem)
    }
    return status
  }

  func phase(_ index: Int) -> NodePhase { NodePhase(stored: Int32(phases[index])) }

  /// The current attempt of item `index`, 0-based.
  func attempt(_ index: Int) -> UInt32 { UInt32(max(Int(attempts[index]), 1) - 1) }

  /// Starts the next attempt of item `index`: it is in flight with a fresh plugin state.
  mutating func startAttempt(_ index: Int) {
    phases[index] = UInt8(NodePhase.running.rawValue)
    attempts[index] = attempts[index] == .max ? .max : attempts[index] + 1
    let key = UInt32(index)
    pluginStates[key] = nil
    pluginStateVersions[key] = nil
    taskPhases[key] = Int32(Flyteidl_Core_TaskExecution.Phase.undefined.rawValue)
  }

  /// Ends item `index` in a terminal phase and forgets its in-flight state.
  mutating func end(_ index: Int, as phase: NodePhase, error: Flyteidl_Core_ExecutionError? = nil) {
    phases[index] = UInt8(phase.rawValue)
    let key = UInt32(index)
    pluginStates[key] = nil
    pluginStateVersions[key] = nil
    taskPhases[key] = nil
    switch phase {
    case .succeeded: succeeded += 1
    case .failed:
      failed += 1
      if firstError == nil || index < firstErrorItem, var error {
        error.message = "item \(index) (attempt \(attempt(index))): \(error.message)"
        firstError = error
        firstErrorItem = index
      }
    default: aborted += 1
    }
  }
}
