import FlyteIDL
import Foundation
import Hummingbird
import VaneAdmin
import VaneModel

/// What the node panel shows (see `node_panel.mustache`).
struct NodePanelModel {
  struct Fact {
    var label: String
    var value: String
  }

  struct Attempt {
    var number: Int
    var phase: String
    var cssClass: String
    var href: String
    var selected: Bool
  }

  struct Log {
    var name: String
    var text: String
    var streamURL: String?
    var link: String?
  }

  struct Item {
    var index: Int
    var phase: String
    var cssClass: String
    var attempts: Int
  }

  var id: String
  var label: String
  var kind: String
  var phase: String
  var cssClass: String
  var closeHref: String
  var facts: [Fact]
  var error: ErrorView?
  var childHref: String?
  var expandHref: String?
  var membersHref: String?
  var members: Int
  struct ItemTable {
    var note: String?
    var items: [Item]
  }

  struct AttemptList {
    var attempts: [Attempt]
  }

  var gate: GateForm?
  var itemTable: ItemTable?
  var attemptList: AttemptList?
  var logs: [Log]
  var deckURL: String?
  var inputsHTML: String?
  var outputsHTML: String?
  var csrf: String
  var refreshURL: String
}

extension PageCall {
  /// The node panel alone (what a click on a box loads, and live updates reload).
  func nodePanelFragment(_ viewer: ConsoleViewer, node: String) async throws -> Response {
    let (snapshot, model) = try await executionState()
    return ConsoleResponse.html(try await nodePanelHTML(viewer, node: node, snapshot: snapshot, model: model))
  }

  func nodePanelHTML(
    _ viewer: ConsoleViewer, node: String, snapshot: ExecutionSnapshot, model: ExecutionModel
  ) async throws(ConsoleError) -> String {
    try console.renderer.render("node_panel", try await nodePanel(viewer, node: node, snapshot: snapshot, model: model))
  }

  func nodePanel(
    _ viewer: ConsoleViewer, node: String, snapshot: ExecutionSnapshot, model: ExecutionModel
  ) async throws(ConsoleError) -> NodePanelModel {
    let id = try executionID
    let base = ConsolePaths.execution(id.project, id.domain, id.name)
    var closeQuery = executionQuery
    closeQuery["attempt"] = nil
    let box = model.graph.allNodes.first { $0.id == node }
    let entry = model.index[node]
    guard box != nil || entry != nil else { throw ConsoleError(.notFound, "no such node in this execution", at: node) }
    let phase = NodePhase(stored: entry?.status.phase ?? 0)
    var panel = NodePanelModel(
      id: node, label: box?.label ?? entry?.nodeID ?? node, kind: box?.kind.rawValue ?? "task",
      phase: box.map { $0.counts == nil ? PhaseStyle.name(phase) : $0.detail } ?? PhaseStyle.name(phase),
      cssClass: (box?.style ?? PhaseStyle(phase)).cssClass, closeHref: ConsolePaths.with(base, closeQuery), facts: [],
      error: nil, childHref: nil, expandHref: nil, membersHref: nil, members: 0, gate: nil, itemTable: nil,
      attemptList: nil, logs: [], deckURL: nil, inputsHTML: nil, outputsHTML: nil, csrf: csrf,
      refreshURL: ConsolePaths.with(
        ConsolePaths.node(id.project, id.domain, id.name, node),
        executionQuery.merging(["fragment": "1"]) { _, new in new }))
    if let box, !box.members.isEmpty {
      var query = executionQuery
      query["tab"] = "nodes"
      query["group"] = node
      query["page"] = nil
      panel.membersHref = ConsolePaths.with(base, query)
      panel.members = box.members.count
      return panel
    }
    if box?.expandable == true { panel.expandHref = try toggleHref(node) }
    if let status = entry?.status {
      panel.facts = Self.facts(status, timing: NodeTiming(status), now: model.now)
      if status.hasError { panel.error = ErrorView(status.error) }
      if !status.childExecution.isEmpty {
        panel.childHref = ConsolePaths.execution(id.project, id.domain, status.childExecution)
      }
      if status.hasArray {
        let (items, note) = items(status.array)
        panel.itemTable = .init(note: note, items: items)
      }
    }
    panel.facts.insert(.init(label: "Node", value: node), at: 0)
    let specNode = GraphBuilder(closure: snapshot.spec?.closure ?? .init()).specNodes(status: snapshot.status)[node]
    try await fillFromAdmin(&panel, viewer: viewer, node: node, spec: specNode, status: entry?.status)
    return panel
  }

  static func facts(_ status: Vane_NodeStatus, timing: NodeTiming, now: Date) -> [NodePanelModel.Fact] {
    var facts: [NodePanelModel.Fact] = []
    if let started = timing.started {
      facts.append(.init(label: "Started", value: ElapsedText.timestamp(started)))
      if let end = timing.end(now: now) {
        facts.append(.init(label: "Duration", value: ElapsedText.format(end.timeIntervalSince(started))))
      }
      if let queued = timing.queued, queued < started {
        facts.append(.init(label: "Waited", value: ElapsedText.format(started.timeIntervalSince(queued))))
      }
    }
    if status.attempts > 1 { facts.append(.init(label: "Attempts", value: String(status.attempts))) }
    if status.systemFailures > 0 { facts.append(.init(label: "System failures", value: String(status.systemFailures))) }
    let cache = NodeTableView.cacheText(status.cacheStatus)
    if !cache.isEmpty { facts.append(.init(label: "Cache", value: cache)) }
    if !status.message.isEmpty { facts.append(.init(label: "Message", value: status.message)) }
    return facts
  }

  /// A map task's items, one page of them.
  func items(_ array: Vane_ArrayStatus) -> ([NodePanelModel.Item], String?) {
    let count = array.phases.count
    let pageSize = 100
    let page = min(request.page("items"), max(1, (count + pageSize - 1) / pageSize))
    let phases = Array(array.phases)
    let attempts = Array(array.attempts)
    let start = (page - 1) * pageSize
    let items = (start..<min(count, start + pageSize)).map { index in
      let phase = NodePhase(stored: Int32(phases[index]))
      return NodePanelModel.Item(
        index: index, phase: PhaseStyle.name(phase), cssClass: PhaseStyle(phase).cssClass,
        attempts: index < attempts.count ? Int(attempts[index]) : 0)
    }
    let note =
      count > pageSize ? "items \(start)–\(min(count, start + pageSize) - 1) of \(PhaseCounts.grouped(count))" : nil
    return (items, note)
  }
}
