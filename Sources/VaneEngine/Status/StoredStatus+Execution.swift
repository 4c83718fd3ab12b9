public import VaneModel
public import VaneStore

extension StoredStatus {
  /// The execution status this stored head and its node records stand for (see
  /// `StatusAssembly`): how everything outside the engine's rounds reads a status.
  public func executionStatus() throws -> Vane_ExecutionStatus {
    try StatusAssembly.status(head: status, records: records)
  }
}
