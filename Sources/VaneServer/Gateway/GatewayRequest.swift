import Foundation
import GRPCCore

/// Builds the JSON of a gRPC request from a REST call the way grpc-gateway fills it: the body
/// first (all of it for `body: "*"`, nothing for none), then the path variables, then — when
/// the body does not take everything — the query parameters, each naming a field by its
/// dotted proto path (`sort_by.key=name&limit=10`). Pure: the route's field table says how each
/// parameter's text becomes JSON; a parameter naming no field, or a value that is not of the
/// field's kind, is an `invalidArgument` failure naming it.
enum GatewayRequest {
  /// Query and path values are short; the body has its own limit.
  static let maximumParameterBytes = 64 * 1024

  static func json(
    route: GatewayRoute, body: Data?, path: [String: String], query: [(String, String)]
  ) throws(GatewayFailure) -> Data {
    var object: [String: Any] = [:]
    if route.body == "*", let body, !body.isEmpty {
      guard let decoded = try? JSONSerialization.jsonObject(with: body), let top = decoded as? [String: Any] else {
        throw GatewayFailure(.invalidArgument, "the request body is not a JSON object")
      }
      object = top
    }
    for (field, value) in path.sorted(by: { $0.key < $1.key }) {
      try set(field, to: [value], in: &object, route: route, from: "path")
    }
    if route.body != "*" {
      var grouped: [String: [String]] = [:]
      var order: [String] = []
      for (name, value) in query {
        if grouped[name] == nil { order.append(name) }
        grouped[name, default: []].append(value)
      }
      for name in order where path[name] == nil {
        try set(name, to: grouped[name] ?? [], in: &object, route: route, from: "query")
      }
    }
    guard let data = try? JSONSerialization.data(withJSONObject: object) else {
      throw GatewayFailure(.invalidArgument, "the request cannot be written as JSON")
    }
    return data
  }

  private static func set(
    _ name: String, to values: [String], in object: inout [String: Any], route: GatewayRoute, from place: String
  ) throws(GatewayFailure) {
    guard name.utf8.count + values.reduce(0, { $0 + $1.utf8.count }) <= maximumParameterBytes else {
      throw GatewayFailure(.invalidArgument, "\(place) parameter \(name) is longer than 64 KiB")
    }
    guard let field = route.fields[name] else {
      throw GatewayFailure(
        .invalidArgument, "\(place) parameter \(name) is not a field of the request of \(route.verb) \(route.path)")
    }
    guard field.repeated || values.count == 1 else {
      throw GatewayFailure(.invalidArgument, "\(place) parameter \(name) is given \(values.count) times")
    }
    var converted: [Any] = []
    for value in values { converted.append(try json(value, kind: field.kind, name: name, place: place)) }
    insert(field.repeated ? converted : converted[0], at: name.split(separator: ".").map(String.init), in: &object)
  }

  private static func json(
    _ text: String, kind: GatewayField.Kind, name: String, place: String
  )
    throws(GatewayFailure) -> Any
  {
    switch kind {
    case .string, .number:
      return text
    case .bool:
      switch text {
      case "true", "1": return true
      case "false", "0": return false
      default: throw GatewayFailure(.invalidArgument, "\(place) parameter \(name) is not a boolean: \(text)")
      }
    case .enumeration:
      if let number = Int32(text) { return NSNumber(value: number) }
      return text
    }
  }

  /// Sets `value` at the nested key path, creating objects on the way (and replacing what is
  /// not an object: the later source wins, as in grpc-gateway).
  private static func insert(_ value: Any, at keys: [String], in object: inout [String: Any]) {
    guard let first = keys.first else { return }
    if keys.count == 1 {
      object[first] = value
      return
    }
    var inner = object[first] as? [String: Any] ?? [:]
    insert(value, at: Array(keys.dropFirst()), in: &inner)
    object[first] = inner
  }
}
