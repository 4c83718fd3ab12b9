public import Foundation
public import VaneModel

/// A node execution as the admin store keeps it: the execution and node it belongs to, its
/// parent node (empty for a top-level node), the columns listings filter and sort on, and the
/// encoded `admin.NodeExecution` built from the engine's events.
public struct NodeExecutionRecord: Sendable, Hashable {
  /// The workflow execution (org, project, domain, execution name).
  public var execution: EntityName
  /// The node's unique id within the execution (`n0`, `n1-0-n0`, …).
  public var nodeID: String
  /// The unique id of the node this one runs under; empty at the top level.
  public var parentNodeID: String
  /// `core.NodeExecution.Phase`.
  public var phase: Int
  public var createdAt: Date
  public var updatedAt: Date
  /// The deterministic binary encoding of the `admin.NodeExecution`.
  public var message: Data

  public init(
    execution: EntityName, nodeID: String, parentNodeID: String, phase: Int, createdAt: Date, updatedAt: Date,
    message: Data
  ) {
    self.execution = execution
    self.nodeID = nodeID
    self.parentNodeID = parentNodeID
    self.phase = phase
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.message = message
  }
}

/// One attempt of a task of a node, as the admin store keeps it, with the encoded
/// `admin.TaskExecution` built from the engine's task events.
public struct TaskExecutionRecord: Sendable, Hashable {
  public var execution: EntityName
  public var nodeID: String
  /// The task's full id.
  public var task: EntityKey
  public var retryAttempt: UInt32
  /// `core.TaskExecution.Phase`.
  public var phase: Int
  public var createdAt: Date
  public var updatedAt: Date
  /// The deterministic binary encoding of the `admin.TaskExecution`.
  public var message: Data

  public init(
    execution: EntityName, nodeID: String, task: EntityKey, retryAttempt: UInt32, phase: Int, createdAt: Date,
    updatedAt: Date, message: Data
  ) {
    self.execution = execution
    self.nodeID = nodeID
    self.task = task
    self.retryAttempt = retryAttempt
    self.phase = phase
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.message = message
  }
}

/// What one ingestion step writes: the node and task executions it changed and the position
/// in the event feed it read up to. Stored in one transaction, so a crash either keeps all of
/// it or none, and the next start re-reads from the old position.
public struct EventBatch: Sendable {
  public var nodes: [NodeExecutionRecord]
  public var tasks: [TaskExecutionRecord]
  /// The feed's name (e.g. `sqlite-events`).
  public var feed: String
  /// The position of the last event applied.
  public var position: Int64

  public init(nodes: [NodeExecutionRecord], tasks: [TaskExecutionRecord], feed: String, position: Int64) {
    self.nodes = nodes
    self.tasks = tasks
    self.feed = feed
    self.position = position
  }
}
