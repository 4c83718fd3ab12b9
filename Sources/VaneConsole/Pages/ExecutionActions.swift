import FlyteIDL
import Foundation
import Hummingbird
import VaneAdmin
import VaneData

extension PageCall {
  /// Abort, relaunch or recover the execution, then show the execution it leads to.
  func perform(_ action: ExecutionAction, _ viewer: ConsoleViewer) async throws -> Response {
    let id = try executionID
    try requireWrite("\(action.rawValue) executions")
    let executions = try console.executions
    let page = ConsolePaths.execution(id.project, id.domain, id.name)
    do {
      switch action {
      case .abort:
        let cause = String((request.form["cause"] ?? "").prefix(500))
        let who = viewer.signedIn ? " by \(viewer.subject)" : ""
        try await executions.terminate(id, cause: cause.isEmpty ? "aborted from the console\(who)" : cause)
        return ConsoleResponse.redirect(page)
      case .relaunch:
        var request = Flyteidl_Admin_ExecutionRelaunchRequest()
        request.id = id
        request.overwriteCache = self.request.form["overwrite_cache"] == "on"
        let created = try await executions.relaunch(request)
        return ConsoleResponse.redirect(ConsolePaths.execution(created.id.project, created.id.domain, created.id.name))
      case .recover:
        var request = Flyteidl_Admin_ExecutionRecoverRequest()
        request.id = id
        let created = try await executions.recover(request)
        return ConsoleResponse.redirect(ConsolePaths.execution(created.id.project, created.id.domain, created.id.name))
      }
    } catch {
      let refusal = ConsoleError(error)
      return ConsoleResponse.redirect(
        ConsolePaths.with(page, ["notice": "Could not \(action.rawValue): \(refusal.message)"]))
    }
  }

  /// Sets a gate's signal from its form; a value of the wrong type is shown next to the field.
  func setSignal(_ viewer: ConsoleViewer, signal: String) async throws -> Response {
    let id = try executionID
    try requireWrite("set signals")
    guard let signals = console.admin.signals else {
      throw ConsoleError(.internalError, "this server runs no engine, so it has no signals")
    }
    let node = request.form["node"] ?? ""
    let text = (request.form["value"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    var list = Flyteidl_Admin_SignalListRequest()
    list.workflowExecutionID = id
    list.limit = 1000
    let known: Flyteidl_Admin_SignalList
    do {
      known = try await signals.list(list)
    } catch {
      throw ConsoleError(error)
    }
    guard let declared = known.signals.first(where: { $0.id.signalID == signal }) else {
      return try await refuseSignal(
        viewer, node: node, value: text, "no gate of this execution waits for '\(signal)' yet")
    }
    let value: Flyteidl_Core_Literal
    do {
      value = try LiteralParser(workingDirectory: "/", checksLocalPaths: false).parse(
        text, as: declared.type, input: signal)
    } catch {
      return try await refuseSignal(viewer, node: node, value: text, LaunchForm.message(error))
    }
    var set = Flyteidl_Admin_SignalSetRequest()
    set.id = declared.id
    set.value = value
    do {
      try await signals.set(set)
    } catch {
      return try await refuseSignal(viewer, node: node, value: text, ConsoleError(error).message)
    }
    let target = node.isEmpty ? ConsolePaths.execution(id.project, id.domain, id.name) : try nodeHref(node)
    return ConsoleResponse.redirect(target)
  }

  /// The execution page again with the node's panel open and the gate's message.
  func refuseSignal(_ viewer: ConsoleViewer, node: String, value: String, _ message: String) async throws -> Response {
    var again = self
    again.request.flash = ["signal_error": message, "signal_value": value]
    let response = try await again.executionPage(viewer, node: node.isEmpty ? nil : node)
    var refused = response
    refused.status = .badRequest
    return refused
  }

  /// A file shown on a page (input, output, directory member), through its signed link.
  func download(_ viewer: ConsoleViewer) async throws -> Response {
    guard let uri = request.query["uri"], let signature = request.query["sig"],
      console.links.verify(uri, project: request.project, signature: signature)
    else { throw ConsoleError(.forbidden, "this download link is not valid here; open the file from its page") }
    let executions = try console.executions
    guard executions.dataRoots.contains(where: { uri.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
      throw ConsoleError(.forbidden, "the file is outside the server's data", at: uri)
    }
    let data: Data?
    do {
      data = try await executions.readData(uri, limit: console.maximumDownloadBytes)
    } catch {
      throw ConsoleError(error)
    }
    if let data { return ConsoleResponse.download(data, name: String(uri.split(separator: "/").last ?? "download")) }
    // A directory: its files, each with a link of its own.
    let members: [String]
    do {
      members = try await executions.listData(uri.hasSuffix("/") ? uri : uri + "/")
    } catch {
      throw ConsoleError(error)
    }
    guard !members.isEmpty else { throw ConsoleError(.notFound, "nothing is stored there", at: uri) }
    struct Model {
      struct File {
        var name: String
        var href: String
      }
      var frame: PageFrame
      var uri: String
      var files: [File]
    }
    let files = members.prefix(5_000).map { member in
      Model.File(
        name: String(member.dropFirst(uri.count).drop { $0 == "/" }),
        href: console.links.link(member, project: request.project, domain: request.domain))
    }
    return try page("directory", Model(frame: await frame(title: "Directory", section: ""), uri: uri, files: files))
  }

  /// The deck of a node's attempt, for the panel's sandboxed frame.
  func deck(_ viewer: ConsoleViewer, node: String) async throws -> Response {
    let (snapshot, model) = try await executionState()
    let executions = try console.executions
    var uri = await deckURI(model.index[node]?.status)
    if uri == nil, let nodes = console.admin.nodes {
      var nodeID = Flyteidl_Core_NodeExecutionIdentifier()
      nodeID.executionID = snapshot.execution.id
      nodeID.nodeID = node
      if let execution = try? await nodes.node(nodeID), !execution.closure.deckUri.isEmpty {
        uri = execution.closure.deckUri
      }
    }
    guard let uri, let data = try? await executions.readData(uri, limit: console.maximumDownloadBytes) else {
      throw ConsoleError(.notFound, "this node has no deck", at: node)
    }
    return ConsoleResponse.deck(data)
  }
}
