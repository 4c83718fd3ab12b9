/// Where one task attempt writes raw data (files, directories, dataframes) and checkpoints.
public struct RawOutputPaths: Hashable, Sendable {
  /// The attempt's unique id (see `UniqueID.taskExecution`).
  public let uniqueID: String
  /// `<raw output root>/<shard>/<unique id>`; `{{.rawOutputDataPrefix}}`.
  public let prefix: DataURI

  /// Creates paths from the unique id and the prefix.
  public init(uniqueID: String, prefix: DataURI) {
    self.uniqueID = uniqueID
    self.prefix = prefix
  }

  /// `<prefix>/_flytecheckpoints`; `{{.checkpointOutputPrefix}}`.
  public var checkpointPrefix: DataURI { prefix.appending(DataFileName.checkpoints) }
}
