public import Hummingbird
import Metrics
import Prometheus

/// `GET /metrics`: every swift-metrics metric of the process (the engine's queue depth, busy
/// workers, round latency and round outcomes, and any other) in Prometheus text format.
public struct MetricsEndpoint: HTTPEndpoint {
  /// Renders the current values.
  public let render: @Sendable () -> String

  public init(render: @escaping @Sendable () -> String) {
    self.render = render
  }

  /// Makes a Prometheus registry the process-wide swift-metrics backend and returns the
  /// endpoint that renders it. Call once, before anything creates metrics (the engine creates
  /// its queue's and workers' metrics when it is built).
  public static func bootstrap() -> MetricsEndpoint {
    let registry = PrometheusCollectorRegistry()
    MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    return MetricsEndpoint { registry.emitToString() }
  }

  /// Adds the route to `router`.
  public func add(to router: Router<BasicRequestContext>) {
    let render = self.render
    router.get("/metrics") { _, _ -> Response in
      var headers = HTTPFields()
      headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
      return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: render())))
    }
  }
}
