public import Hummingbird

/// Routes served on `vane serve`'s HTTP port. `AdminServer` adds its own (health, data
/// transfers) and every endpoint it is given (`/metrics`; later a console, a token endpoint).
public protocol HTTPEndpoint: Sendable {
  /// Adds the endpoint's routes to `router`.
  func add(to router: Router<BasicRequestContext>)
}
