import Foundation

/// The results as a fixed-width text table.
enum ResultTable {
  static func render(_ results: [ShapeResult]) -> String {
    let header = [
      "shape", "outcome", "store", "execs", "nodes/exec", "wall s", "node ev/s", "exec/s", "p50 ms", "p99 ms",
      "obs p99 ms", "node p50 ms", "node p99 ms", "1st event s", "peak RSS MB", "status B/node", "store B/trans",
      "write B/trans",
    ]
    var rows = [header]
    for result in results {
      rows.append([
        result.shape, result.outcome, result.store, String(result.executions), String(result.nodesPerExecution),
        fixed(result.wallSeconds, 2), fixed(result.nodeTransitionsPerSecond, 0), fixed(result.executionsPerSecond, 1),
        optional(result.latencyP50Ms), optional(result.latencyP99Ms), optional(result.latencyObservedP99Ms),
        optional(result.nodeDurationP50Ms), optional(result.nodeDurationP99Ms),
        optional(result.firstEventSeconds),
        fixed(Double(result.peakRSSBytes) / 1_048_576, 0), fixed(result.statusBytesPerNode, 0),
        fixed(result.storeBytesPerTransition, 0), fixed(result.writeSyscallBytesPerTransition, 0),
      ])
    }
    let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    var lines = rows.map { row in
      row.indices.map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
    }
    lines.insert(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), at: 1)
    for result in results where !result.detail.isEmpty {
      lines.append("\(result.shape): \(result.detail)")
    }
    return lines.joined(separator: "\n")
  }

  static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

  static func optional(_ value: Double?) -> String { value.map { fixed($0, 2) } ?? "-" }
}

/// Writes the results with the machine they came from.
enum ResultFile {
  struct Machine: Codable {
    var cpu: String
    var cores: Int
    var memoryBytes: UInt64
    var kernel: String
  }

  struct Document: Codable {
    var generatedAt: String
    var machine: Machine
    var scale: Double
    var workers: Int
    /// The engine's store (`--store`).
    var store: String
    var shapes: [ShapeResult]
  }

  static func write(_ results: [ShapeResult], options: BenchOptions) throws {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model =
      cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
      .map { String($0.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces) }
      ?? "unknown"
    let kernel = ((try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8)) ?? "")
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let document = Document(
      generatedAt: ISO8601DateFormatter().string(from: Date()),
      machine: Machine(
        cpu: model, cores: ProcessInfo.processInfo.activeProcessorCount,
        memoryBytes: ProcessInfo.processInfo.physicalMemory, kernel: kernel),
      scale: options.scale, workers: options.workers, store: options.store, shapes: results)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let url = URL(fileURLWithPath: options.output)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try encoder.encode(document).write(to: url)
  }
}
