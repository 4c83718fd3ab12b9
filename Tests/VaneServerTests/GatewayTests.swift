import FlyteIDL
import FlyteIDLGRPC
import Foundation
import GRPCCore
import HTTPTypes
import SwiftProtobuf
import Testing

@testable import VaneServer

@Suite struct GatewayTests {
  typealias ListExecutions = Flyteidl_Service_AdminService.Method.ListExecutions

  let listing = GatewayRoute(
    verb: .get, path: "/api/v1/executions/{id.project}/{id.domain}", body: "",
    call: GatewayCall(ListExecutions.Input.self, ListExecutions.Output.self, ListExecutions.descriptor),
    fields: [
      "id.project": .init(.string), "id.domain": .init(.string), "limit": .init(.number),
      "sort_by.direction": .init(.enumeration), "sort_by.key": .init(.string), "filters": .init(.string),
    ])

  func object(_ data: Data) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test func templatesMatchWholeSegmentsAndDecodeThem() {
    let template = PathTemplate("/api/v1/tasks/{id.project}/{id.domain}/{id.name}")
    #expect(
      template.match("/api/v1/tasks/p/d/my%20task") == ["id.project": "p", "id.domain": "d", "id.name": "my task"])
    #expect(template.match("/api/v1/tasks/p/d") == nil)
    #expect(template.match("/api/v1/tasks/p/d/n/v") == nil)
    #expect(template.match("/api/v1/workflows/p/d/n") == nil)
    #expect(template.literalCount == 3)
  }

  @Test func theMoreLiteralRouteWinsWhenTwoMatch() {
    let general = GatewayRoute(
      verb: .post, path: "/api/v1/executions/{x}", body: "*", call: listing.call, fields: [:])
    let relaunch = GatewayRoute(
      verb: .post, path: "/api/v1/executions/relaunch", body: "*", call: listing.call, fields: [:])
    let table = GatewayRouteTable([general, relaunch])
    #expect(table.route(.post, path: "/api/v1/executions/relaunch")?.route.path == "/api/v1/executions/relaunch")
    #expect(table.route(.post, path: "/api/v1/executions/other")?.variables == ["x": "other"])
    #expect(table.route(.get, path: "/api/v1/executions/other") == nil)
    #expect(table.matchesAnotherVerb(than: .get, path: "/api/v1/executions/other"))
  }

  @Test func pathAndQueryFillNestedFieldsByKind() throws {
    let json = try GatewayRequest.json(
      route: listing, body: nil, path: ["id.project": "p", "id.domain": "d"],
      query: [("limit", "10"), ("sort_by.key", "name"), ("sort_by.direction", "1")])
    let request = try Flyteidl_Admin_ResourceListRequest(jsonUTF8Data: json)
    #expect(request.id.project == "p" && request.id.domain == "d")
    #expect(request.limit == 10)
    #expect(request.sortBy.key == "name" && request.sortBy.direction == .ascending)
    let byName = try GatewayRequest.json(
      route: listing, body: nil, path: [:], query: [("sort_by.direction", "DESCENDING")])
    #expect(try Flyteidl_Admin_ResourceListRequest(jsonUTF8Data: byName).sortBy.direction == .descending)
  }

  @Test func unknownRepeatedOrWrongParametersAreRefusedByName() {
    #expect(throws: GatewayFailure.self) {
      try GatewayRequest.json(route: listing, body: nil, path: [:], query: [("bogus", "1")])
    }
    do {
      _ = try GatewayRequest.json(route: listing, body: nil, path: [:], query: [("limit", "1"), ("limit", "2")])
      Issue.record("a repeated singular parameter was accepted")
    } catch {
      #expect(error.code == .invalidArgument)
      #expect(error.message.contains("limit is given 2 times"))
    }
    let long = String(repeating: "x", count: 70_000)
    #expect(throws: GatewayFailure.self) {
      try GatewayRequest.json(route: listing, body: nil, path: [:], query: [("filters", long)])
    }
  }

  @Test func aBodyRouteTakesTheBodyAndThePathOverridesIt() throws {
    let update = GatewayRoute(
      verb: .put, path: "/api/v1/executions/{id.project}/{id.domain}/{id.name}", body: "*", call: listing.call,
      fields: ["id.project": .init(.string), "id.domain": .init(.string), "id.name": .init(.string)])
    let json = try GatewayRequest.json(
      route: update, body: Data(#"{"id": {"project": "body", "name": "n"}, "state": 1}"#.utf8),
      path: ["id.project": "path", "id.domain": "d", "id.name": "n"], query: [("ignored", "1")])
    let request = try Flyteidl_Admin_ExecutionUpdateRequest(jsonUTF8Data: json)
    #expect(request.id.project == "path" && request.id.domain == "d" && request.id.name == "n")
    #expect(request.state == .executionArchived)
    #expect(throws: GatewayFailure.self) {
      try GatewayRequest.json(route: update, body: Data("[1]".utf8), path: [:], query: [])
    }
  }

  @Test func failuresMapToGrpcGatewayStatuses() throws {
    #expect(GatewayFailure(.notFound, "x").httpStatus == .notFound)
    #expect(GatewayFailure(.invalidArgument, "x").httpStatus == .badRequest)
    #expect(GatewayFailure(.unauthenticated, "x").httpStatus == .unauthorized)
    #expect(GatewayFailure(.permissionDenied, "x").httpStatus == .forbidden)
    #expect(GatewayFailure(.alreadyExists, "x").httpStatus == .conflict)
    #expect(GatewayFailure(.resourceExhausted, "x").httpStatus == .tooManyRequests)
    #expect(GatewayFailure(.unimplemented, "x").httpStatus == .notImplemented)
    let body = try object(GatewayFailure(.notFound, "no \"e1\"\n").body)
    #expect(body["code"] as? Int == 5)
    #expect(body["message"] as? String == "no \"e1\"\n")
    #expect((body["details"] as? [Any])?.isEmpty == true)
  }

  @Test func everyGeneratedRouteIsWellFormed() {
    #expect(GatewayRoute.flyte.count > 50)
    for route in GatewayRoute.flyte {
      #expect(route.path.hasPrefix("/api/v1/"), "\(route.path)")
      for case .variable(let field) in route.template.segments {
        #expect(route.fields[field] != nil, "\(route.verb) \(route.path): path variable \(field) has no field")
      }
    }
  }

  @Test func unsetFieldsArePrintedAsFlyteAdminPrintsThem() throws {
    let schema = GatewaySchema(
      json: """
        {"t.Outer": [["phase", "UNDEFINED", null], ["count", "0", null], ["inner", null, "t.Inner"],
                     ["items", [], "t.Inner"], ["byName", {}, "t.Inner"], ["choice", "oneof", null]],
         "t.Inner": [["name", "", null], ["on", false, null]]}
        """)
    let encoded = Data(#"{"items": [{"name": "a"}], "byName": {"k": {"on": true}}, "inner": {}}"#.utf8)
    let filled = try object(schema.filled(encoded, type: "t.Outer"))
    #expect(filled["phase"] as? String == "UNDEFINED")
    #expect(filled["count"] as? String == "0")
    #expect(filled["choice"] == nil)
    let inner = try #require(filled["inner"] as? [String: Any])
    #expect(inner["name"] as? String == "" && inner["on"] as? Bool == false)
    let items = try #require(filled["items"] as? [[String: Any]])
    #expect(items.first?["name"] as? String == "a" && items.first?["on"] as? Bool == false)
    let byName = try #require(filled["byName"] as? [String: [String: Any]])
    #expect(byName["k"]?["on"] as? Bool == true && byName["k"]?["name"] as? String == "")
    let empty = try object(schema.filled(Data("{}".utf8), type: "t.Outer"))
    #expect(empty["inner"] is NSNull && (empty["items"] as? [Any])?.isEmpty == true)
  }

  @Test func theFlyteSchemaCoversEveryAnswer() {
    for route in GatewayRoute.flyte {
      #expect(
        GatewaySchema.flyte.messages[route.call.outputName] != nil, "\(route.path): \(route.call.outputName)")
    }
  }
}
