import FlyteIDL
import Foundation
import VaneAdmin
import VaneModel

extension PageCall {
  /// Fills the panel from the admin side's node and task executions: error, inputs and
  /// outputs, attempts and their logs, the deck, a gate's form.
  func fillFromAdmin(
    _ panel: inout NodePanelModel, viewer: ConsoleViewer, node: String, spec: Flyteidl_Core_Node?,
    status: Vane_NodeStatus?
  ) async throws(ConsoleError) {
    let id = try executionID
    var nodeID = Flyteidl_Core_NodeExecutionIdentifier()
    nodeID.executionID = id
    nodeID.nodeID = node
    if let spec, status != nil || spec.gateNode.condition != nil {
      panel.gate = await gateForm(spec, node: node, status: status)
    }
    guard let nodes = console.admin.nodes, status != nil else { return }
    let execution = try? await nodes.node(nodeID)
    if panel.error == nil, let execution, case .error(let error)? = execution.closure.outputResult {
      panel.error = ErrorView(error)
    }
    let html = literalHTML()
    if let data = try? await nodes.nodeData(nodeID) {
      if data.hasFullInputs { panel.inputsHTML = html.render(data.fullInputs) }
      if data.hasFullOutputs { panel.outputsHTML = html.render(data.fullOutputs) }
    }
    var request = Flyteidl_Admin_TaskExecutionListRequest()
    request.nodeExecutionID = nodeID
    request.limit = 100
    guard
      let attempts = try? await nodes.tasks(request).taskExecutions.sorted(by: {
        $0.id.retryAttempt < $1.id.retryAttempt
      }),
      let last = attempts.last
    else { return }
    let chosenNumber = self.request.parameter("attempt").flatMap(UInt32.init) ?? last.id.retryAttempt
    let chosen = attempts.first { $0.id.retryAttempt == chosenNumber } ?? last
    let base = ConsolePaths.node(id.project, id.domain, id.name, node)
    panel.attemptList = .init(
      attempts: attempts.map { attempt in
        let (name, style) = Self.taskPhase(attempt.closure.phase)
        var query = executionQuery
        query["attempt"] = String(attempt.id.retryAttempt)
        return NodePanelModel.Attempt(
          number: Int(attempt.id.retryAttempt), phase: name, cssClass: style.cssClass,
          href: ConsolePaths.with(base, query),
          selected: attempt.id.retryAttempt == chosen.id.retryAttempt)
      })
    let running = !Self.taskPhase(chosen.closure.phase).1.isFinal
    for (index, link) in chosen.closure.logs.enumerated() {
      panel.logs.append(await log(link, index: index, attempt: chosen.id.retryAttempt, base: base, follow: running))
    }
    let deck = await deckURI(status)
    if let execution, !execution.closure.deckUri.isEmpty || deck != nil {
      panel.deckURL = ConsolePaths.with(base + "/deck", ["attempt": String(chosen.id.retryAttempt)])
    }
  }

  /// The tail of one log, with a stream to follow it while the attempt runs.
  func log(
    _ link: Flyteidl_Core_TaskLog, index: Int, attempt: UInt32, base: String, follow: Bool
  ) async
    -> NodePanelModel.Log
  {
    let name = link.name.isEmpty ? "log \(index)" : link.name
    guard let head = try? await console.logs.read(link, from: Int.max, limit: 0) else {
      return .init(name: name, text: "", streamURL: nil, link: link.uri)
    }
    let start = max(0, head.size - console.logTailBytes)
    let chunk = try? await console.logs.read(link, from: start, limit: console.logTailBytes)
    var text = String(decoding: chunk?.data ?? Data(), as: UTF8.self)
    if start > 0 { text = "… (earlier output not shown)\n" + text }
    let offset = chunk?.nextOffset ?? head.size
    let stream =
      follow
      ? ConsolePaths.with(base + "/logs", ["attempt": String(attempt), "log": String(index), "offset": String(offset)])
      : nil
    return .init(name: name, text: text, streamURL: stream, link: nil)
  }

  /// Where the node's current attempt left its deck (`deck.html` in its output directory).
  func deckURI(_ status: Vane_NodeStatus?) async -> String? {
    guard let status, !status.outputDir.isEmpty, let executions = try? console.executions else { return nil }
    let uri = status.outputDir + "/deck.html"
    guard let found = try? await executions.listData(uri), found.contains(uri) else { return nil }
    return uri
  }

  /// The gate's form with the signal's current value, and any message from a refused value.
  func gateForm(_ spec: Flyteidl_Core_Node, node: String, status: Vane_NodeStatus?) async -> GateForm? {
    let id = (try? executionID) ?? .init()
    var given: Flyteidl_Core_Literal?
    if let signals = console.admin.signals {
      var request = Flyteidl_Admin_SignalListRequest()
      request.workflowExecutionID = id
      request.limit = 1000
      let signalID =
        spec.gateNode.approve.signalID.isEmpty ? spec.gateNode.signal.signalID : spec.gateNode.approve.signalID
      if let list = try? await signals.list(request),
        let signal = list.signals.first(where: { $0.id.signalID == signalID }),
        signal.hasValue
      {
        given = signal.value
      }
    }
    let phase = NodePhase(stored: status?.phase ?? 0)
    let signalID =
      spec.gateNode.approve.signalID.isEmpty ? spec.gateNode.signal.signalID : spec.gateNode.approve.signalID
    return GateForm(
      spec,
      action: ConsolePaths.execution(id.project, id.domain, id.name) + "/signals/" + HTML.percentEncoded(signalID),
      waiting: phase == .running || phase == .queued, given: given, value: request.flash["signal_value"] ?? "",
      error: request.flash["signal_error"])
  }

  /// A task execution phase as a name and colour group.
  static func taskPhase(_ phase: Flyteidl_Core_TaskExecution.Phase) -> (String, PhaseStyle) {
    switch phase {
    case .queued, .undefined, .initializing, .waitingForResources: ("Queued", .pending)
    case .running: ("Running", .running)
    case .succeeded: ("Succeeded", .succeeded)
    case .failed: ("Failed", .failed)
    case .aborted: ("Aborted", .aborted)
    case .retryableFailed: ("Failed (will retry)", .failed)
    case .UNRECOGNIZED: ("Unknown", .pending)
    }
  }
}

extension PhaseStyle {
  /// Whether nothing more happens in this group (a log stops growing).
  var isFinal: Bool { self != .running && self != .pending }
}
