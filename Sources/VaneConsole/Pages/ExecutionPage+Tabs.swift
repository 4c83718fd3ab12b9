import FlyteIDL
import Foundation
import VaneAdmin
import VaneAdminStore
import VaneModel

extension PageCall {
  /// Boxes drawn at most; past that the graph tab points to the node table.
  static let drawableNodes = 1_500

  /// The HTML of one tab of the execution page.
  func tabHTML(
    _ tab: ExecutionTab, snapshot: ExecutionSnapshot, model: ExecutionModel
  ) async throws(ConsoleError)
    -> String
  {
    switch tab {
    case .graph: return try await graphHTML(model)
    case .nodes: return try nodesHTML(snapshot: snapshot, model: model)
    case .timeline:
      let timeline = TimelineView(
        graph: model.graph, timings: model.timings, critical: Set(model.critical), now: model.now
      ) { (try? nodeHref($0)) ?? "" }
      return try console.renderer.render("timeline", timeline)
    case .io: return try await inputsOutputsHTML(snapshot)
    }
  }

  func graphHTML(_ model: ExecutionModel) async throws(ConsoleError) -> String {
    struct Model {
      var svg: String?
      var problem: String?
      var nodes: Int
    }
    let boxes = model.graph.allNodes.count
    guard boxes <= Self.drawableNodes else {
      return try console.renderer.render(
        "graph",
        Model(
          svg: nil,
          problem: "This graph has \(boxes) distinct boxes even with similar nodes grouped; the Nodes tab lists them.",
          nodes: boxes))
    }
    do {
      let positions = try await console.layout.layout(DotSource(model.graph))
      let svg = GraphSVG(
        links: .init(
          node: { [self] in (try? nodeHref($0)) ?? "" },
          toggle: { [self] in (try? toggleHref($0)) ?? "" })
      ).render(model.graph, positions: positions, critical: Set(model.critical))
      return try console.renderer.render("graph", Model(svg: svg, problem: nil, nodes: boxes))
    } catch {
      return try console.renderer.render(
        "graph", Model(svg: nil, problem: "The graph cannot be drawn: \(error.message)", nodes: boxes))
    }
  }

  func nodesHTML(snapshot: ExecutionSnapshot, model: ExecutionModel) throws(ConsoleError) -> String {
    struct Model {
      var table: NodeTableView
      var phases: [ExecutionListModel.Option]
      var group: String?
      var clearGroupHref: String
      var previousHref: String?
      var nextHref: String?
      var action: String
      var tab: String
      var expand: String
    }
    let closure = snapshot.spec?.closure ?? Flyteidl_Core_CompiledWorkflowClosure()
    let full = GraphBuilder(closure: closure, expandsAll: true).graph(status: snapshot.status)
    let style = request.parameter("phase").flatMap(PhaseStyle.init(rawValue:))
    let groupID = request.parameter("group")
    let members = groupID.flatMap { id in model.graph.allNodes.first { $0.id == id }.map { Set($0.members) } }
    let table = NodeTableView(
      graph: full, index: model.index, style: style, members: members, page: request.page(), now: model.now
    ) { (try? nodeHref($0)) ?? "" }
    let id = try executionID
    let base = ConsolePaths.execution(id.project, id.domain, id.name)
    func pageHref(_ page: Int?) -> String? {
      page.map { page in
        var query = executionQuery
        query["tab"] = "nodes"
        query["page"] = String(page)
        return ConsolePaths.with(base, query)
      }
    }
    var clear = executionQuery
    clear["group"] = nil
    clear["page"] = nil
    return try console.renderer.render(
      "nodes",
      Model(
        table: table,
        phases: [ExecutionListModel.Option(value: "", label: "any phase", selected: style == nil)]
          + PhaseStyle.allCases.map { .init(value: $0.rawValue, label: $0.rawValue, selected: $0 == style) },
        group: members == nil ? nil : groupID, clearGroupHref: ConsolePaths.with(base, clear),
        previousHref: pageHref(table.previousPage), nextHref: pageHref(table.nextPage), action: base, tab: "nodes",
        expand: executionQuery["expand"] ?? ""))
  }

  func inputsOutputsHTML(_ snapshot: ExecutionSnapshot) async throws(ConsoleError) -> String {
    struct Model {
      var inputs: String
      var outputs: String?
    }
    let id = try executionID
    let data: Flyteidl_Admin_WorkflowExecutionGetDataResponse
    do {
      data = try await console.executions.data(id)
    } catch {
      throw ConsoleError(reading: error)
    }
    let html = literalHTML()
    return try console.renderer.render(
      "io",
      Model(inputs: html.render(data.fullInputs), outputs: data.hasFullOutputs ? html.render(data.fullOutputs) : nil))
  }

  /// Literals with download links signed for this request's project.
  func literalHTML() -> LiteralHTML {
    let links = console.links
    let project = request.project
    let domain = request.domain
    return LiteralHTML(download: { links.link($0, project: project, domain: domain) })
  }
}
