import FlyteIDL
import Foundation
import Hummingbird
import VaneAdmin
import VaneModel

extension PageCall {
  static let executionsPerPage = 50
  /// Executions looked at for one page when filtering by phase (phases live in the engine,
  /// not the list's index, so the filter reads ahead this far at most).
  static let phaseScanLimit = 2_000

  struct ExecutionListModel {
    struct Option {
      var value: String
      var label: String
      var selected: Bool
    }

    var frame: PageFrame
    var project: String
    var domain: String
    var query: String
    var phases: [Option]
    var rows: [ExecutionRow]
    var nextHref: String?
    var firstHref: String?
    var liveURL: String
    var fragmentURL: String
    var scanNote: String?
  }

  /// The executions of a project and domain, newest first, filtered by name and phase.
  func executionList(_ viewer: ConsoleViewer) async throws -> Response {
    let model = try await executionListModel(viewer)
    if isFragment { return ConsoleResponse.html(try console.renderer.render("execution_rows", model)) }
    return try page("executions", model)
  }

  func executionListModel(_ viewer: ConsoleViewer) async throws(ConsoleError) -> ExecutionListModel {
    let project = request.project
    let domain = request.domain
    let text = request.parameter("q") ?? ""
    let phase = request.parameter("phase").flatMap(PhaseStyle.init(rawValue:))
    let start = request.parameter("token").flatMap(Int.init).map { max(0, $0) } ?? 0
    var filters = ""
    if !text.isEmpty {
      guard !text.contains(")"), !text.contains("+"), text.count <= 100 else {
        throw ConsoleError(.badRequest, "search by up to 100 characters without ')' or '+'", at: "q")
      }
      filters = "contains(name,\(text))"
    }
    var rows: [ExecutionRow] = []
    var offset = start
    var more = true
    let now = console.clock.date
    let executions = try console.executions
    while rows.count < Self.executionsPerPage, more, offset - start < Self.phaseScanLimit {
      var list = Flyteidl_Admin_ResourceListRequest()
      list.id.project = project
      list.id.domain = domain
      list.filters = filters
      list.limit = UInt32(phase == nil ? Self.executionsPerPage : 200)
      list.token = offset == 0 ? "" : String(offset)
      let page: Flyteidl_Admin_ExecutionList
      do {
        page = try await executions.list(list)
      } catch {
        throw ConsoleError(error)
      }
      for (index, execution) in page.executions.enumerated() {
        let row = ExecutionRow(execution, now: now)
        if phase == nil || row.style == phase {
          rows.append(row)
          if rows.count == Self.executionsPerPage {
            offset += index + 1
            more = index + 1 < page.executions.count || !page.token.isEmpty
            break
          }
        }
      }
      if rows.count < Self.executionsPerPage {
        offset += page.executions.count
        more = !page.token.isEmpty
      }
    }
    let base = ConsolePaths.executions(project, domain)
    let filter = ["q": text, "phase": phase?.rawValue ?? ""]
    let scanned = phase != nil && more && rows.count < Self.executionsPerPage
    return ExecutionListModel(
      frame: await frame(title: "Executions", section: "executions"), project: project, domain: domain, query: text,
      phases: [("", "any phase")].map { ExecutionListModel.Option(value: $0.0, label: $0.1, selected: phase == nil) }
        + [PhaseStyle.running, .succeeded, .failed, .aborted, .pending].map {
          ExecutionListModel.Option(value: $0.rawValue, label: $0.rawValue, selected: $0 == phase)
        },
      rows: rows,
      nextHref: more ? ConsolePaths.with(base, filter.merging(["token": String(offset)]) { a, _ in a }) : nil,
      firstHref: start > 0 ? ConsolePaths.with(base, filter) : nil,
      liveURL: ConsolePaths.domain(project, domain) + "/live",
      fragmentURL: ConsolePaths.with(
        base, filter.merging(["token": start > 0 ? String(start) : "", "fragment": "1"]) { a, _ in a }),
      scanNote: scanned ? "Looked at \(Self.phaseScanLimit) executions for this page; go on for older ones." : nil)
  }
}
