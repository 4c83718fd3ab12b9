import Metrics

/// A replica's swift-metrics figures, as Prometheus names on `/metrics`: shards held, whether it
/// leads, lease renewals, shards acquired and lost, failed heartbeats.
struct ReplicaMetrics {
  let held: Gauge
  let leader: Gauge
  let renewals: Counter
  let acquired: Counter
  let lost: Counter
  let failures: Counter

  init(replica: String) {
    let dimensions = [("replica", replica)]
    held = Gauge(label: "vane_replica_shards_held", dimensions: dimensions)
    leader = Gauge(label: "vane_replica_leader", dimensions: dimensions)
    renewals = Counter(label: "vane_replica_lease_renewals_total", dimensions: dimensions)
    acquired = Counter(label: "vane_replica_shards_acquired_total", dimensions: dimensions)
    lost = Counter(label: "vane_replica_shards_lost_total", dimensions: dimensions)
    failures = Counter(label: "vane_replica_heartbeat_failures_total", dimensions: dimensions)
  }
}
