import FlyteIDL
import VaneData
import VaneModel

/// An execution error as a Swift error, for `Result`s in the array handler.
struct ArrayFailure: Error {
  let error: Flyteidl_Core_ExecutionError
  /// Set when the failure is a read the data store could not serve (not the node's fault).
  let storeError: DataError?

  init(
    _ code: NodeErrorCode, message: String, kind: Flyteidl_Core_ExecutionError.ErrorKind, storeError: DataError? = nil
  ) {
    error = .make(code, message: message, kind: kind)
    self.storeError = storeError
  }

  /// The verdict on the node: waiting while the store is unavailable, else a failure.
  var verdict: HandlerVerdict {
    guard let storeError else { return .failure(error) }
    return .afterReadFailure(storeError) { .failure(error) }
  }
}
