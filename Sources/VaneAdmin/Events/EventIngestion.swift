import FlyteIDL
import Foundation
public import Logging
import SwiftProtobuf
public import VaneAdminStore
import VaneModel
import VaneStore

/// Builds the admin's node and task executions from the engine's event log.
///
/// `drain()` reads the feed after the position stored with the last batch, folds the events
/// into the stored records (`EventProjection`) and writes records and position in one
/// transaction: a restart continues where the last committed batch ended, so no event is lost
/// and none applied twice. Launch-plan nodes' child executions are recorded on the way
/// (`ChildExecutionRecorder`) before the batch that mentions them commits. Calls are
/// serialised by the actor; a drain with nothing new costs one indexed read, so read paths
/// drain first to see every event the engine has committed.
public actor EventIngestion {
  let feed: any EventFeed
  let store: any ExecutionEventStore
  let children: ChildExecutionRecorder?
  let batchSize: Int
  let logger: Logger

  public init(
    feed: any EventFeed, store: any ExecutionEventStore, children: ChildExecutionRecorder?, batchSize: Int = 500,
    logger: Logger
  ) {
    self.feed = feed
    self.store = store
    self.children = children
    self.batchSize = max(1, batchSize)
    self.logger = logger
  }

  /// Applies every event committed so far; returns how many.
  @discardableResult
  public func drain() async throws(AdminError) -> Int {
    var applied = 0
    while true {
      let position = try await store.feedPosition(feed.name)
      let events = try await feed.events(after: position, limit: batchSize)
      guard let last = events.last else { return applied }
      try await apply(events, through: last.position)
      applied += events.count
      if events.count < batchSize { return applied }
    }
  }

  private func apply(_ events: [FedEvent], through position: Int64) async throws(AdminError) {
    var nodes: [String: NodeExecutionRecord] = [:]
    var tasks: [String: TaskExecutionRecord] = [:]
    var order: [String] = []
    var taskOrder: [String] = []
    for fed in events {
      switch fed.event.kind {
      case .workflow:
        continue
      case .node:
        guard let event = decode(Flyteidl_Event_NodeExecutionEvent.self, fed) else { continue }
        let execution = Self.execution(event.id.executionID, key: fed.event.key)
        let slot = "\(execution)/\(event.id.nodeID)"
        var current = nodes[slot]
        if current == nil { current = try await store.nodeExecution(execution, nodeID: event.id.nodeID) }
        let old = try current.map { (record) throws(AdminError) in
          try Registry.decode(Flyteidl_Admin_NodeExecution.self, record.message, what: "node execution \(slot)")
        }
        let merged = EventProjection.node(event, onto: old)
        if case .workflowNodeMetadata(let child)? = event.targetMetadata, !child.executionID.name.isEmpty {
          await children?.record(child.executionID, parent: event.id, at: fed.event.occurredAt)
        }
        if nodes[slot] == nil { order.append(slot) }
        nodes[slot] = NodeExecutionRecord(
          execution: execution, nodeID: event.id.nodeID,
          parentNodeID: current?.parentNodeID ?? (event.hasParentNodeMetadata ? event.parentNodeMetadata.nodeID : ""),
          phase: merged.closure.phase.rawValue, createdAt: current?.createdAt ?? fed.event.occurredAt,
          updatedAt: fed.event.occurredAt, message: try encode(merged, slot))
      case .task:
        guard let event = decode(Flyteidl_Event_TaskExecutionEvent.self, fed) else { continue }
        let execution = Self.execution(event.parentNodeExecutionID.executionID, key: fed.event.key)
        let nodeID = event.parentNodeExecutionID.nodeID
        let task = EntityKey(
          project: event.taskID.project, domain: event.taskID.domain, name: event.taskID.name,
          version: event.taskID.version)
        let slot = "\(execution)/\(nodeID)/\(task)/\(event.retryAttempt)"
        var current = tasks[slot]
        if current == nil {
          current = try await store.taskExecution(
            execution, nodeID: nodeID, task: task, retryAttempt: event.retryAttempt)
        }
        let old = try current.map { (record) throws(AdminError) in
          try Registry.decode(Flyteidl_Admin_TaskExecution.self, record.message, what: "task execution \(slot)")
        }
        let merged = EventProjection.task(event, onto: old)
        if tasks[slot] == nil { taskOrder.append(slot) }
        tasks[slot] = TaskExecutionRecord(
          execution: execution, nodeID: nodeID, task: task, retryAttempt: event.retryAttempt,
          phase: merged.closure.phase.rawValue, createdAt: current?.createdAt ?? fed.event.occurredAt,
          updatedAt: fed.event.occurredAt, message: try encode(merged, slot))
      }
    }
    try await store.apply(
      EventBatch(
        nodes: order.compactMap { nodes[$0] }, tasks: taskOrder.compactMap { tasks[$0] }, feed: feed.name,
        position: position))
  }

  static func execution(_ id: Flyteidl_Core_WorkflowExecutionIdentifier, key: ResourceKey) -> EntityName {
    EntityName(org: id.org, project: key.project, domain: key.domain, name: key.name)
  }

  /// The event, or nil (logged and skipped) when its payload is not the message it claims.
  private func decode<M: SwiftProtobuf.Message>(_ type: M.Type, _ fed: FedEvent) -> M? {
    do {
      return try M(serializedBytes: fed.event.payload)
    } catch {
      logger.error(
        "skipping an undecodable event",
        metadata: ["execution": "\(fed.event.key)", "sequence": "\(fed.event.sequence)", "error": "\(error)"])
      return nil
    }
  }

  private func encode<M: SwiftProtobuf.Message>(_ message: M, _ slot: String) throws(AdminError) -> Data {
    do {
      return try message.serializedBytes()
    } catch {
      throw AdminError(.internalError, "cannot encode: \(error)", at: slot)
    }
  }
}
