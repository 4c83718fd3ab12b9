/// Where one node attempt's metadata lives: the node's data directory (inputs, task template)
/// and the attempt's output directory (outputs, error, futures, deck).
public struct NodeDataPaths: Hashable, Sendable {
  /// The node's data directory; `{{.inputPrefix}}`.
  public let dataDirectory: DataURI
  /// The attempt's output directory, `<data dir>/<attempt>`; `{{.outputPrefix}}`.
  public let outputDirectory: DataURI

  /// Creates paths from the two directories.
  public init(dataDirectory: DataURI, outputDirectory: DataURI) {
    self.dataDirectory = dataDirectory
    self.outputDirectory = outputDirectory
  }

  /// `<data dir>/inputs.pb`, a `core.LiteralMap`; `{{.input}}`.
  public var inputs: DataURI { dataDirectory.appending(DataFileName.inputs) }
  /// `<data dir>/task.pb`, the `core.TaskTemplate`; `{{.taskTemplatePath}}`.
  public var taskTemplate: DataURI { dataDirectory.appending(DataFileName.taskTemplate) }
  /// `<output dir>/outputs.pb`, a `core.LiteralMap` written on success.
  public var outputs: DataURI { outputDirectory.appending(DataFileName.outputs) }
  /// `<output dir>/error.pb`, a `core.ErrorDocument` written on failure.
  public var error: DataURI { outputDirectory.appending(DataFileName.error) }
  /// `<output dir>/futures.pb`, a `core.DynamicJobSpec` written by dynamic tasks.
  public var futures: DataURI { outputDirectory.appending(DataFileName.futures) }
  /// `<output dir>/deck.html`, the task's report.
  public var deck: DataURI { outputDirectory.appending(DataFileName.deck) }
}

/// The file names Flyte uses in node data and output directories.
public enum DataFileName {
  /// A node's inputs (`core.LiteralMap`).
  public static let inputs = "inputs.pb"
  /// A node attempt's outputs (`core.LiteralMap`).
  public static let outputs = "outputs.pb"
  /// A node attempt's error (`core.ErrorDocument`).
  public static let error = "error.pb"
  /// A dynamic task's subgraph (`core.DynamicJobSpec`).
  public static let futures = "futures.pb"
  /// A task's HTML report.
  public static let deck = "deck.html"
  /// The task template handed to the task (`core.TaskTemplate`).
  public static let taskTemplate = "task.pb"
  /// The folder under a raw output prefix where a task writes checkpoints.
  public static let checkpoints = "_flytecheckpoints"
}
