public import FlyteIDL

/// Flyte's data layout, so paths read the same as in a Flyte deployment:
///
/// ```
/// <metadata root>/<project>-<domain>-<execution>/            execution directory (escaped to
///                                                            stay unique: `ExecutionIdentity`)
///   <node id>/data/                                          top-level node data directory
///     inputs.pb  task.pb
///     <attempt>/                                             output directory of an attempt
///       outputs.pb  error.pb  futures.pb  deck.html
///       <child id>/                                          nested node (branch, subworkflow,
///         inputs.pb  <child attempt>/outputs.pb …             dynamic) data directory
/// <raw output root>/<shard>/<attempt id>/                    raw data of an attempt
///   _flytecheckpoints/
/// ```
public struct DataLayout: Hashable, Sendable {
  /// Where execution metadata (literal maps, errors, futures) is kept.
  public var metadataRoot: DataURI
  /// Where tasks write raw data (`{{.rawOutputDataPrefix}}` lives under it).
  public var rawOutputRoot: DataURI

  /// Creates a layout from its two roots.
  public init(metadataRoot: DataURI, rawOutputRoot: DataURI) {
    self.metadataRoot = metadataRoot
    self.rawOutputRoot = rawOutputRoot
  }

  /// The embedded default: `<data dir>/metadata` and `<data dir>/raw`.
  public init(dataDirectory: DataURI) {
    self.init(metadataRoot: dataDirectory.appending("metadata"), rawOutputRoot: dataDirectory.appending("raw"))
  }

  /// `<metadata root>/<project>-<domain>-<name>`, escaped where that would be ambiguous (see
  /// `ExecutionIdentity.folderName`).
  public func executionDirectory(org: String = "", project: String, domain: String, name: String) -> DataURI {
    metadataRoot.appending(ExecutionIdentity.folderName(org: org, project: project, domain: domain, name: name))
  }

  /// The execution directory of an execution identifier.
  public func executionDirectory(_ execution: Flyteidl_Core_WorkflowExecutionIdentifier) -> DataURI {
    metadataRoot.appending(ExecutionIdentity.folderName(execution))
  }

  /// A node of the top-level workflow (the start node included): data directory
  /// `<execution dir>/<node id>/data`, outputs under `<data dir>/<attempt>`.
  public func topLevelNode(_ nodeID: String, attempt: UInt32, executionDirectory: DataURI) -> NodeDataPaths {
    let data = executionDirectory.appending(nodeID, "data")
    return NodeDataPaths(dataDirectory: data, outputDirectory: data.appending(String(attempt)))
  }

  /// A node inside a branch, subworkflow or dynamic subgraph: data directory
  /// `<parent output dir>/<node id>`, outputs under `<data dir>/<attempt>`.
  public func nestedNode(_ nodeID: String, attempt: UInt32, parentOutputDirectory: DataURI) -> NodeDataPaths {
    let data = parentOutputDirectory.appending(nodeID)
    return NodeDataPaths(dataDirectory: data, outputDirectory: data.appending(String(attempt)))
  }

  /// Item `index` of an array node: `<parent data dir>/<index>/<attempt>` and
  /// `<parent output dir>/<index>/<attempt>` (the items read the parent's whole `inputs.pb`).
  public func arrayItem(_ index: Int, attempt: UInt32, parent: NodeDataPaths) -> NodeDataPaths {
    NodeDataPaths(
      dataDirectory: parent.dataDirectory.appending(String(index), String(attempt)),
      outputDirectory: parent.outputDirectory.appending(String(index), String(attempt)))
  }

  /// The raw output paths of one task attempt: `<raw root>/<shard>/<attempt id>`, where the
  /// attempt id is `ExecutionIdentity.attemptID(…)`.
  public func rawOutput(
    execution: Flyteidl_Core_WorkflowExecutionIdentifier, nodeUniqueID: String, attempt: UInt32
  ) -> RawOutputPaths {
    let uniqueID = ExecutionIdentity.attemptID(execution, nodeUniqueID: nodeUniqueID, attempt: attempt)
    return RawOutputPaths(
      uniqueID: uniqueID, prefix: rawOutputRoot.appending(UniqueID.shardPrefix(for: uniqueID), uniqueID))
  }

  /// The checkpoint prefix of the previous attempt (`{{.prevCheckpointPrefix}}`), or nil for
  /// the first attempt.
  public func previousCheckpointPrefix(
    execution: Flyteidl_Core_WorkflowExecutionIdentifier, nodeUniqueID: String, attempt: UInt32
  ) -> DataURI? {
    guard attempt > 0 else { return nil }
    return rawOutput(execution: execution, nodeUniqueID: nodeUniqueID, attempt: attempt - 1).checkpointPrefix
  }
}
