import FlyteIDL
import Foundation
import Hummingbird
import VaneAdmin
import VaneAdminStore
import VaneModel

extension PageCall {
  /// The execution this request names.
  var executionID: Flyteidl_Core_WorkflowExecutionIdentifier {
    get throws(ConsoleError) {
      let name = try parameter("name")
      guard ConsoleRequest.isName(name) else { throw ConsoleError(.badRequest, "not an execution name", at: name) }
      var id = Flyteidl_Core_WorkflowExecutionIdentifier()
      id.project = request.project
      id.domain = request.domain
      id.name = name
      return id
    }
  }

  /// The execution with the engine's state, and its model for the expanded nodes asked for.
  func executionState() async throws(ConsoleError) -> (ExecutionSnapshot, ExecutionModel) {
    let id = try executionID
    let snapshot: ExecutionSnapshot
    do {
      snapshot = try await console.executions.snapshot(id)
    } catch {
      throw ConsoleError(reading: error)
    }
    let expanded = request.idSet("expand")
    let closure = snapshot.spec?.closure ?? Flyteidl_Core_CompiledWorkflowClosure()
    let dynamic = await dynamicClosures(id, expanded: expanded, status: snapshot.status)
    let model = ExecutionModel(
      closure: closure, status: snapshot.status, expanded: expanded, dynamicClosures: dynamic, summary: console.summary,
      now: console.clock.date)
    return (snapshot, model)
  }

  /// The compiled subgraphs of the expanded dynamic nodes (the admin side reads them).
  func dynamicClosures(
    _ id: Flyteidl_Core_WorkflowExecutionIdentifier, expanded: Set<String>, status: Vane_ExecutionStatus?
  ) async -> [String: Flyteidl_Core_CompiledWorkflowClosure] {
    guard let nodes = console.admin.nodes, !expanded.isEmpty else { return [:] }
    let index = NodeStatusIndex(status)
    var closures: [String: Flyteidl_Core_CompiledWorkflowClosure] = [:]
    for uniqueID in expanded.sorted().prefix(16) where !(index[uniqueID]?.status.dynamicClosureUri.isEmpty ?? true) {
      var node = Flyteidl_Core_NodeExecutionIdentifier()
      node.executionID = id
      node.nodeID = uniqueID
      if let response = try? await nodes.dynamicWorkflow(node) { closures[uniqueID] = response.compiledWorkflow }
    }
    return closures
  }

  /// The query parameters an execution page keeps when it links to itself.
  var executionQuery: [String: String] {
    var kept: [String: String] = [:]
    for name in ["tab", "expand", "phase", "page", "group", "attempt"] {
      if let value = request.parameter(name) { kept[name] = value }
    }
    return kept
  }

  func nodeHref(_ node: String) throws(ConsoleError) -> String {
    let id = try executionID
    var query = executionQuery
    query["attempt"] = nil
    return ConsolePaths.with(ConsolePaths.node(id.project, id.domain, id.name, node), query)
  }

  func toggleHref(_ node: String) throws(ConsoleError) -> String {
    let id = try executionID
    var expanded = request.idSet("expand")
    if expanded.contains(node) { expanded.remove(node) } else { expanded.insert(node) }
    var query = executionQuery
    query["expand"] = expanded.sorted().joined(separator: ",")
    query["tab"] = "graph"
    query["attempt"] = nil
    return ConsolePaths.with(ConsolePaths.execution(id.project, id.domain, id.name), query)
  }

  struct ExecutionPageModel {
    struct Tab {
      var label: String
      var href: String
      var active: Bool
    }

    struct Fact {
      var label: String
      var value: String
      var href: String?
    }

    var frame: PageFrame
    var row: ExecutionRow
    var facts: [Fact]
    var error: ErrorView?
    var abortReason: String?
    var canAbort: Bool
    var canRelaunch: Bool
    var canRecover: Bool
    var actionBase: String
    var tabs: [Tab]
    var tab: String
    var tabHTML: String
    var panelHTML: String?
    var liveURL: String
    var fragmentURL: String
    var notice: String?
  }

  /// The execution page, with a node's panel open when `node` is given.
  func executionPage(_ viewer: ConsoleViewer, node: String?) async throws -> Response {
    let (snapshot, model) = try await executionState()
    let id = try executionID
    let row = ExecutionRow(snapshot.execution, now: console.clock.date)
    let tab = ExecutionTab(rawValue: request.parameter("tab") ?? "") ?? .graph
    var facts: [ExecutionPageModel.Fact] = [
      .init(label: "Launch plan", value: "\(row.launchPlan) (\(row.launchPlanVersion))", href: row.launchPlanHref),
      .init(label: "Workflow", value: row.workflow, href: nil),
      .init(label: "Started", value: row.started.isEmpty ? "not yet" : row.started, href: nil),
      .init(label: "Duration", value: row.duration, href: nil),
      .init(label: "Launched", value: row.launchedBy, href: nil),
    ]
    let metadata = snapshot.execution.spec.metadata
    if metadata.mode == .childWorkflow {
      let parent = metadata.parentNodeExecution
      facts.append(
        .init(
          label: "Parent", value: "\(parent.executionID.name) / \(parent.nodeID)",
          href: ConsolePaths.node(
            parent.executionID.project, parent.executionID.domain, parent.executionID.name, parent.nodeID)))
    } else if !metadata.referenceExecution.name.isEmpty {
      let reference = metadata.referenceExecution
      facts.append(
        .init(
          label: "From", value: reference.name,
          href: ConsolePaths.execution(reference.project, reference.domain, reference.name)))
    }
    let closure = snapshot.execution.closure
    let writes = viewer.may(.write, in: id.project)
    let base = ConsolePaths.execution(id.project, id.domain, id.name)
    let tabs = ExecutionTab.allCases.map { each in
      var query = executionQuery
      query["tab"] = each.rawValue
      query["page"] = nil
      query["attempt"] = nil
      return ExecutionPageModel.Tab(label: each.title, href: ConsolePaths.with(base, query), active: each == tab)
    }
    var fragmentQuery = executionQuery
    fragmentQuery["tab"] = tab.rawValue
    let panel = try await node.asyncMap { node throws(ConsoleError) in
      try await nodePanelHTML(viewer, node: node, snapshot: snapshot, model: model)
    }
    let page = ExecutionPageModel(
      frame: await frame(title: id.name, section: "executions"), row: row, facts: facts,
      error: Self.error(closure), abortReason: Self.abortReason(closure),
      canAbort: writes && !row.isTerminal, canRelaunch: writes,
      canRecover: writes && row.isTerminal && row.style != .succeeded,
      actionBase: base, tabs: tabs, tab: tab.rawValue,
      tabHTML: try await tabHTML(tab, snapshot: snapshot, model: model),
      panelHTML: panel, liveURL: ConsolePaths.with(base + "/live", ["expand": executionQuery["expand"] ?? ""]),
      fragmentURL: ConsolePaths.with(base + "/fragment", fragmentQuery), notice: request.parameter("notice"))
    return try self.page("execution", page)
  }

  static func error(_ closure: Flyteidl_Admin_ExecutionClosure) -> ErrorView? {
    guard case .error(let error)? = closure.outputResult else { return nil }
    return ErrorView(error)
  }

  static func abortReason(_ closure: Flyteidl_Admin_ExecutionClosure) -> String? {
    guard case .abortMetadata(let abort)? = closure.outputResult else { return nil }
    return abort.cause
  }

  /// One tab's content alone (what live updates fetch again).
  func executionFragment(_ viewer: ConsoleViewer) async throws -> Response {
    let (snapshot, model) = try await executionState()
    let tab = ExecutionTab(rawValue: request.parameter("tab") ?? "") ?? .graph
    return ConsoleResponse.html(try await tabHTML(tab, snapshot: snapshot, model: model))
  }
}

/// The tabs of an execution page.
enum ExecutionTab: String, CaseIterable, Sendable {
  case graph
  case nodes
  case timeline
  case io

  var title: String {
    switch self {
    case .graph: "Graph"
    case .nodes: "Nodes"
    case .timeline: "Timeline"
    case .io: "Inputs & outputs"
    }
  }
}

extension Optional {
  func asyncMap<T, E: Error>(_ transform: (Wrapped) async throws(E) -> T) async throws(E) -> T? {
    guard let self else { return nil }
    return try await transform(self)
  }
}
