import Foundation
import Logging
import VaneEngine
import VaneStore

/// The engine benchmark: runs each shape through the real engine on the embedded default and
/// prints a table of figures; writes them as JSON too.
@main
struct VaneBench {
  static func main() async {
    do {
      var options = try BenchOptions(Array(CommandLine.arguments.dropFirst()))
      if let child = options.child {
        let result = try await runShape(child, options: options)
        let data = try JSONEncoder().encode(result)
        print("RESULT " + String(decoding: data, as: UTF8.self))
        return
      }
      let base = options.workDirectory
      options.workDirectory = base + "/run-\(ProcessInfo.processInfo.processIdentifier)"
      // Not removed here: deleting hundreds of thousands of small files takes minutes on some
      // disks (ext4 with discard); Benchmarks/run.sh removes the runs in the background at the end.
      var results: [ShapeResult] = []
      for name in options.shapes {
        if name == "map-1m", let smaller = results.first(where: { $0.shape.hasPrefix("map-") }), smaller.outcome != "ok"
        {
          results.append(
            ShapeResult(
              shape: "map-1m", summary: "", outcome: "skipped",
              detail: "the smaller map task ended \(smaller.outcome); see \(smaller.shape)"))
          continue
        }
        FileHandle.standardError.write(Data("vane-bench: \(name)…\n".utf8))
        var result =
          options.inProcess ? try await runShape(name, options: options) : ChildRun(options: options).run(name)
        if result.store.isEmpty { result.store = options.store }
        await dropLeftovers(of: result, options: options)
        FileHandle.standardError.write(
          Data("vane-bench: \(name): \(result.outcome) in \(String(format: "%.2f", result.wallSeconds)) s\n".utf8))
        results.append(result)
      }
      print(ResultTable.render(results))
      try ResultFile.write(results, options: options)
    } catch {
      FileHandle.standardError.write(Data("vane-bench: \(error)\n".utf8))
      exit(2)
    }
  }

  /// A child killed at its time limit (or crashed) never dropped its PostgreSQL schema.
  static func dropLeftovers(of result: ShapeResult, options: BenchOptions) async {
    guard ["timeout", "crashed"].contains(result.outcome),
      case .postgres(let url, let schema) = options.stores(for: result.shape, directory: "")
    else { return }
    var logger = Logger(label: "vane.bench")
    logger.logLevel = .error
    do {
      try await BenchStores.dropLeftover(schema, url: url, logger: logger)
    } catch {
      FileHandle.standardError.write(Data("vane-bench: could not drop schema \(schema): \(error)\n".utf8))
    }
  }

  static func runShape(_ name: String, options: BenchOptions) async throws -> ShapeResult {
    if name == "file-2g-s3" {
      let bytes = max(16 << 20, Int(Double(2 << 30) * options.scale))
      return try await FileTransferBench(directory: options.workDirectory + "/file-s3", bytes: bytes).run()
    }
    guard let make = try BenchShape.all(scale: options.scale)[name] else {
      throw BenchOptions.UsageError(description: "unknown shape \(name)")
    }
    let shape = try make()
    let directory = options.workDirectory + (options.child == nil ? "/" + name : "")
    return try await BenchRunner(
      directory: directory, workers: options.workers, stores: options.stores(for: name, directory: directory),
      reportsProgress: options.child != nil, roundLimits: options.rounds == "unbounded" ? .unbounded : .init()
    )
    .run(shape)
  }
}
