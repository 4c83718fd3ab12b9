/// The figures of one shape, as printed in the table and written to the JSON file.
struct ShapeResult: Codable, Sendable {
  var shape: String
  var summary: String
  /// `ok`, `failed` (an execution did not succeed), `unsupported` (the engine lacks a node
  /// kind the shape needs) or `crashed` (the child process died).
  var outcome: String
  /// The engine's store: `sqlite` or `postgres`.
  var store = ""
  var detail: String = ""
  var executions = 0
  var nodesPerExecution = 0
  var wallSeconds = 0.0
  var nodeEvents = 0
  var taskEvents = 0
  var nodeTransitionsPerSecond = 0.0
  var executionsPerSecond = 0.0
  var latencyP50Ms: Double?
  var latencyP99Ms: Double?
  var latencyObservedP50Ms: Double?
  var latencyObservedP99Ms: Double?
  var latencySamples = 0
  /// From the start to the first node event reaching observers (events leave a round only
  /// after its status is written, so a long round delays every event in it).
  var firstEventSeconds: Double?
  /// The same, counted from when the first execution's create returned (its spec stored):
  /// what the engine's first round takes, without the submission.
  var firstEventAfterCreateSeconds: Double?
  /// Node queued → succeeded by event time (the engine's own cost per echo node).
  var nodeDurationP50Ms: Double?
  var nodeDurationP99Ms: Double?
  var peakRSSBytes = 0
  var statusBytesPerNode = 0.0
  var largestStatusBytes = 0
  var storeUpdates = 0
  /// Status + event payload bytes handed to the store, per node transition.
  var storeBytesPerTransition = 0.0
  /// Bytes passed to write(2) by the whole process (SQLite WAL + data files), per transition;
  /// on PostgreSQL the server writes, so this counts the local data files (and sockets) only.
  var writeSyscallBytesPerTransition = 0.0
  /// Size of the database at the end: file + WAL (SQLite), or `pg_total_relation_size` summed
  /// over the schema's tables (PostgreSQL; indexes and TOAST included).
  var databaseBytes = 0
  /// S3 requests by operation (every attempt counted), for shapes with data in S3.
  var s3Requests: [String: Int]?
  /// Object writes (PutObject) per task node.
  var s3WritesPerTaskNode: Double?
  /// Object reads (GetObject) per node transition; every object of an echo shape is written by
  /// the engine itself, so the goal is 0.
  var s3ReadsPerTransition: Double?
  /// All S3 requests per node transition.
  var s3RequestsPerTransition: Double?
}
