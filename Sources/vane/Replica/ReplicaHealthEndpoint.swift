import Foundation
import Hummingbird
import VaneReplica
import VaneServer

/// `GET /healthz/replica`: this replica's view of its group as JSON (its id, the shards it
/// holds, whether it leads, the members it saw, lease renewals, shards acquired and lost, its
/// last heartbeat and failure). 200 while its last heartbeat succeeded within two heartbeat
/// intervals, 503 otherwise — a replica that cannot reach the lease table holds nothing for
/// long, and a load balancer should stop sending it work.
struct ReplicaHealthEndpoint: HTTPEndpoint {
  let status: ReplicaStatus
  let heartbeat: Duration

  func add(to router: Router<BasicRequestContext>) {
    let (status, heartbeat) = (self.status, self.heartbeat)
    router.get("/healthz/replica") { _, _ -> Response in
      let snapshot = status.snapshot
      let limit = Double(heartbeat.components.seconds) * 2 + Double(heartbeat.components.attoseconds) * 2e-18
      let fresh = snapshot.lastHeartbeat.map { Date().timeIntervalSince($0) <= limit } ?? false
      let encoder = JSONEncoder()
      encoder.dateEncodingStrategy = .iso8601
      encoder.outputFormatting = [.sortedKeys]
      let body = (try? encoder.encode(snapshot)) ?? Data("{}".utf8)
      var headers = HTTPFields()
      headers[.contentType] = "application/json"
      return Response(
        status: fresh && snapshot.lastError == nil ? .ok : .serviceUnavailable, headers: headers,
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
  }
}
