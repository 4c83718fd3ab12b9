import FlyteIDL
import Foundation
public import Logging
import SwiftProtobuf
public import VaneAdminStore
public import VaneEngine
import VaneModel

/// Makes the child executions that launch-plan nodes start visible through the admin API:
/// records each one (the first time a node event names it) with an `admin.ExecutionSpec` of
/// mode CHILD_WORKFLOW, its launch plan, inputs, and `metadata.parent_node_execution` pointing
/// at the node, one level deeper than its parent. Recording twice keeps the first record.
public struct ChildExecutionRecorder: Sendable {
  let store: any AdminStore
  let engine: Engine
  let logger: Logger

  public init(store: any AdminStore, engine: Engine, logger: Logger) {
    self.store = store
    self.engine = engine
    self.logger = logger
  }

  func record(
    _ child: Flyteidl_Core_WorkflowExecutionIdentifier, parent node: Flyteidl_Core_NodeExecutionIdentifier,
    at time: Date
  ) async {
    let name = EntityName(org: child.org, project: child.project, domain: child.domain, name: child.name)
    do {
      if try await store.execution(name) != nil { return }
      guard let spec = try? await engine.spec(of: .init(execution: child)) else {
        logger.warning(
          "a launch-plan node names a child execution the engine does not have", metadata: ["child": "\(name)"])
        return
      }
      let parentName = EntityName(
        org: node.executionID.org, project: node.executionID.project, domain: node.executionID.domain,
        name: node.executionID.name)
      var nesting: UInt32 = 1
      if let parent = try await store.execution(parentName),
        let parentSpec = try? Flyteidl_Admin_ExecutionSpec(serializedBytes: parent.spec)
      {
        nesting = parentSpec.metadata.nesting + 1
      }
      var admin = Flyteidl_Admin_ExecutionSpec()
      admin.launchPlan = spec.launchPlan
      admin.inputs = spec.inputs
      admin.metadata.mode = .childWorkflow
      admin.metadata.nesting = nesting
      admin.metadata.parentNodeExecution = node
      if spec.config.maxParallelism > 0 { admin.maxParallelism = Int32(clamping: spec.config.maxParallelism) }
      let record = ExecutionRecord(
        name: name, launchPlan: EntityKey(spec.launchPlan).description,
        workflow: EntityKey(spec.closure.primary.template.id).description, spec: try admin.serializedBytes(),
        createdAt: spec.hasCreatedAt ? spec.createdAt.date : time)
      try await store.recordExecution(record)
    } catch let error as AdminError where error.code == .alreadyExists {
      return
    } catch {
      logger.error("cannot record a child execution", metadata: ["child": "\(name)", "error": "\(error)"])
    }
  }
}
