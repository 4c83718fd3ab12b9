/// Finds the route of a REST call: among the routes of its verb whose template matches the
/// path, the most specific (most literal segments; then the first declared, as grpc-gateway
/// registers them in the annotations' order).
struct GatewayRouteTable: Sendable {
  private let routes: [GatewayRoute.Verb: [GatewayRoute]]

  init(_ routes: [GatewayRoute]) {
    self.routes = Dictionary(grouping: routes, by: \.verb)
  }

  func route(_ verb: GatewayRoute.Verb, path: String) -> (route: GatewayRoute, variables: [String: String])? {
    var best: (route: GatewayRoute, variables: [String: String])?
    for route in routes[verb] ?? [] {
      guard let variables = route.template.match(path) else { continue }
      if let current = best, current.route.template.literalCount >= route.template.literalCount { continue }
      best = (route, variables)
    }
    return best
  }

  /// Whether some route of another verb matches (the answer is then `UNIMPLEMENTED`, not
  /// `NOT_FOUND`, as grpc-gateway answers a known path with the wrong method).
  func matchesAnotherVerb(than verb: GatewayRoute.Verb, path: String) -> Bool {
    routes.contains { $0.key != verb && $0.value.contains { $0.template.match(path) != nil } }
  }
}
