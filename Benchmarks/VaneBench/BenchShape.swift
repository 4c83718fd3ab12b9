import FlyteIDL
import VaneCompiler

/// One benchmark shape: a workflow (compiled with the real compiler) and how many executions
/// of it to run at once.
struct BenchShape: Sendable {
  /// The name used on the command line and in the results, e.g. `chain-1000`.
  var name: String
  /// A sentence for the table.
  var summary: String
  var closure: Flyteidl_Core_CompiledWorkflowClosure
  var inputs: Flyteidl_Core_LiteralMap
  var executions: Int
  /// Node kinds the engine must support for this shape (for the "not supported yet" verdict).
  var needs: String?
  /// Data in S3 (the server at `$VANE_BENCH_S3_URL`) instead of the local data directory.
  var onObjectStorage = false

  /// Every shape the benchmark knows, at `scale` (1 = the sizes of issue 6).
  static func all(scale: Double) throws -> [String: @Sendable () throws -> BenchShape] {
    func sized(_ full: Int) -> Int { max(2, Int((Double(full) * scale).rounded())) }
    let chain = sized(1_000)
    let fanOut = sized(10_000)
    let concurrent = sized(10_000)
    let depth = max(2, min(50, sized(50)))
    let map100k = sized(100_000)
    let map1m = sized(1_000_000)
    let dynamic = sized(10_000)
    let dynamic100k = sized(100_000)
    let chainS3 = sized(200)
    let fanOutS3 = sized(2_000)
    return [
      "chain": { try BenchWorkflows.chain(chain) },
      "fanout": { try BenchWorkflows.fanOut(fanOut) },
      "concurrent": { try BenchWorkflows.concurrent(executions: concurrent) },
      "nested": { try BenchWorkflows.nested(depth: depth) },
      "map-100k": { try BenchWorkflows.map(items: map100k, label: "map-100k") },
      "map-1m": { try BenchWorkflows.map(items: map1m, label: "map-1m") },
      "dynamic": { try BenchWorkflows.dynamic(children: dynamic) },
      "dynamic-100k": { try BenchWorkflows.dynamic(children: dynamic100k) },
      "chain-s3": { try BenchWorkflows.chain(chainS3).onS3() },
      "fanout-s3": { try BenchWorkflows.fanOut(fanOutS3).onS3() },
    ]
  }

  /// The order shapes run in by default.
  static let defaultOrder = [
    "chain", "fanout", "concurrent", "nested", "map-100k", "map-1m", "dynamic", "dynamic-100k", "chain-s3", "fanout-s3",
    "file-2g-s3",
  ]

  /// This shape with its data in S3.
  func onS3() -> BenchShape {
    var shape = self
    shape.name += "-s3"
    shape.summary += ", data in S3 (moto)"
    shape.onObjectStorage = true
    return shape
  }
}
