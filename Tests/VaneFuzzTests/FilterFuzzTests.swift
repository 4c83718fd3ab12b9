import FlyteIDL
import Foundation
import Testing
import VaneAdmin
import VaneAdminStore

/// List filters (`eq(phase,SUCCEEDED)+value_in(name,a;b)`) as every listing parses them, and as
/// the registry turns them, with the page token and sort key, into SQL over a real database.
@Suite struct FilterFuzzTests {
  static let seeds = [
    "eq(phase,SUCCEEDED)+value_in(name,a;b)", "eq(name,my.task)", "gte(created_at,2024-05-01T12:00:00Z)",
    "lt(execution.created_at,2024-05-01T12:00:00.123Z)+contains(name,wf)", "value_not_in(version,v1;v2;v3)",
    "eq(launch_plan.state,1)", "ne(task.project, flytesnacks)", "eq(retry_attempt,2)+eq(node_id,n0)", "",
  ].map(\.bytes)
  static let tokens =
    (FilterOperator.allCases.map { $0.rawValue + "(" } + ListField.allCases.map(\.rawValue)
    + ["+", ",", ";", ")", "(", "'", "\"", "%", "_", "\\", "--", "T", "Z", ".", "task.", "execution.", "SUCCEEDED"])
    .map(\.bytes)
  static let mutator = Mutator(dictionary: tokens, maxSize: 16 << 10, nesting: ("eq(".bytes, ")".bytes))

  @Test func filtersParseOrReject() async throws {
    let parsers = [
      FilterParser(entityPrefix: "task", fields: [.project, .domain, .name, .version, .createdAt]),
      FilterParser(
        entityPrefix: "launch_plan", fields: [.project, .domain, .name, .version, .createdAt, .updatedAt, .state]),
      FilterParser(
        entityPrefix: "node_execution", fields: [.nodeID, .phase, .createdAt, .updatedAt, .retryAttempt],
        phaseNames: ["SUCCEEDED": 3, "FAILED": 5, "RUNNING": 2]),
    ]
    let campaign = FuzzCampaign(name: "filters", seeds: Self.seeds, iterations: 4000, mutator: Self.mutator)
    let report = await campaign.run { input in
      var firstRejection: AdminError?
      for parser in parsers {
        do throws(AdminError) {
          _ = try parser.parse(input.text)
        } catch {
          firstRejection = firstRejection ?? error
        }
      }
      if let firstRejection { throw firstRejection }
    }
    #expect(report.findings.isEmpty, "\(report.findings.prefix(5).joined(separator: "\n"))")
    #expect(report.accepted > 0 && report.rejected > 0)
  }

  /// Found by `filters`: 40 KB mutants took over a second each to reject (debug build). Filter
  /// text is bounded before any of it is parsed.
  @Test func oversizedFiltersAreRejectedBeforeParsing() throws {
    let parser = FilterParser(entityPrefix: "task", fields: [.name, .createdAt])
    let values = Array(repeating: "2024-05-01T12:00:00Z", count: 5000).joined(separator: ";")
    do throws(AdminError) {
      _ = try parser.parse("value_in(created_at,\(values))")
      Issue.record("a \(values.utf8.count)-byte filter was parsed")
    } catch {
      #expect(error.code == .invalidArgument)
      #expect(error.message.contains("at most \(FilterParser.maxBytes)"), "\(error.message)")
    }
    #expect(try parser.parse("eq(name,a)+gte(created_at,2024-05-01T12:00:00Z)").count == 2)
  }

  /// Filters, page tokens and sort keys through the registry's listing into SQLite.
  @Test func listingsQueryOrReject() async throws {
    let fixture = try await AdminFixture.make()
    defer { fixture.close() }
    let tokens = ["", "0", "16", "-1", "9223372036854775807", "x"]
    let sortKeys = ["", "name", "created_at", "state", "'; drop table"]
    let campaign = FuzzCampaign(name: "listings", seeds: Self.seeds, iterations: 600, mutator: Self.mutator)
    let report = await campaign.run { input in
      var request = Flyteidl_Admin_ResourceListRequest()
      request.id.project = "flytesnacks"
      request.id.domain = "development"
      request.filters = input.text
      request.limit = [1, 3, 100, UInt32.max][input.count % 4]
      request.token = tokens[input.count % tokens.count]
      request.sortBy.key = sortKeys[(input.first.map(Int.init) ?? 0) % sortKeys.count]
      request.sortBy.direction = input.count % 2 == 0 ? .ascending : .descending
      _ = try await fixture.registry.tasks(request)
      _ = try await fixture.registry.launchPlans(request)
    }
    #expect(report.findings.isEmpty, "\(report.findings.prefix(5).joined(separator: "\n"))")
    #expect(report.accepted > 0 && report.rejected > 0)
  }
}
