import Foundation

/// Command line of `vane-bench`:
///
///     vane-bench [--shapes chain,fanout,…] [--scale 1] [--workers 16] [--timeout 150]
///                [--out Benchmarks/results/engine.json] [--work-dir .build-bench/runs] [--in-process]
///                [--synchronous full|normal] [--rounds bounded|unbounded]
///
/// Each shape runs in a child process of its own (`--child NAME`) so its peak RSS is its own.
struct BenchOptions {
  var shapes = BenchShape.defaultOrder
  var scale = 1.0
  var workers = 16
  /// Time limit per shape; `map-1m` gets twice as much (it only runs when the 100k map
  /// finished).
  var timeoutSeconds = 150.0
  var output = "Benchmarks/results/engine.json"
  var workDirectory = ".build-bench/runs"
  var child: String?
  var inProcess = false
  /// The engine database's `PRAGMA synchronous` (FULL, the default, or NORMAL to measure what
  /// syncing every commit costs).
  var synchronous = "full"
  /// `bounded`: the engine's default round budgets; `unbounded`: every round runs as far as it
  /// can (the engine before issue #13), to compare.
  var rounds = "bounded"

  struct UsageError: Error, CustomStringConvertible {
    var description: String
  }

  init(_ arguments: [String]) throws {
    var rest = arguments[...]
    func value(_ flag: String) throws -> String {
      guard let next = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
      return next
    }
    func number(_ flag: String) throws -> Double {
      let text = try value(flag)
      guard let number = Double(text), number > 0 else {
        throw UsageError(description: "\(flag) \(text): not a positive number")
      }
      return number
    }
    while let flag = rest.popFirst() {
      switch flag {
      case "--shapes": shapes = try value(flag).split(separator: ",").map(String.init)
      case "--scale": scale = try number(flag)
      case "--workers": workers = Int(try number(flag))
      case "--timeout": timeoutSeconds = try number(flag)
      case "--out": output = try value(flag)
      case "--work-dir": workDirectory = try value(flag)
      case "--child": child = try value(flag)
      case "--in-process": inProcess = true
      case "--synchronous":
        synchronous = try value(flag)
        guard ["full", "normal"].contains(synchronous) else {
          throw UsageError(description: "--synchronous \(synchronous): write full or normal")
        }
      case "--rounds":
        rounds = try value(flag)
        guard ["bounded", "unbounded"].contains(rounds) else {
          throw UsageError(description: "--rounds \(rounds): write bounded or unbounded")
        }
      default: throw UsageError(description: "unknown argument \(flag); see BENCHMARKS.md")
      }
    }
    let known = Set(BenchShape.defaultOrder)
    if let unknown = (shapes + [child].compactMap { $0 }).first(where: { !known.contains($0) }) {
      throw UsageError(
        description: "unknown shape \(unknown); known: \(BenchShape.defaultOrder.joined(separator: ","))")
    }
  }

  func timeout(for shape: String) -> Double {
    // The million-item map and the 2 GB file (up and down through moto) take longer.
    shape == "map-1m" || shape == "file-2g-s3" || shape == "dynamic-100k" ? timeoutSeconds * 2 : timeoutSeconds
  }

  /// The arguments that make a child run `shape` with the same settings.
  func childArguments(_ shape: String) -> [String] {
    [
      "--child", shape, "--scale", String(scale), "--workers", String(workers), "--work-dir",
      workDirectory + "/" + shape, "--synchronous", synchronous, "--rounds", rounds,
    ]
  }
}
