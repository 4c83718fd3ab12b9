import Foundation
import VaneAdminStore
import VaneStore

/// Command line of `vane-bench`:
///
///     vane-bench [--shapes chain,fanout,…] [--scale 1] [--workers 16] [--timeout 150]
///                [--out Benchmarks/results/engine.json] [--work-dir .build-bench/runs] [--in-process]
///                [--synchronous full|normal] [--rounds bounded|unbounded]
///                [--store sqlite|postgres] [--postgres-url postgres://user@host:port/db]
///
/// Each shape runs in a child process of its own (`--child NAME`) so its peak RSS is its own.
/// `--store postgres` runs the engine on PostgreSQL (the URL from `--postgres-url` or
/// `$VANE_BENCH_POSTGRES_URL`), each shape in a fresh schema of its own (`schema(for:)`).
struct BenchOptions {
  /// Where the URL comes from when `--postgres-url` is not given (and how a child gets it: in
  /// its environment, never on its command line, where `ps` would show a password).
  static let postgresURLVariable = "VANE_BENCH_POSTGRES_URL"

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
  /// The engine's store: `sqlite` (the embedded default) or `postgres` (what replicas share).
  var store = "sqlite"
  var postgresURL: String?
  /// Names the run's PostgreSQL schemas: the parent's process id, handed to its children, so
  /// the parent knows (and drops) the schema of a child it had to kill.
  var runID = Int(ProcessInfo.processInfo.processIdentifier)

  struct UsageError: Error, CustomStringConvertible {
    var description: String
  }

  init(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    postgresURL = environment[Self.postgresURLVariable].flatMap { $0.isEmpty ? nil : $0 }
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
      case "--store":
        store = try value(flag)
        guard ["sqlite", "postgres"].contains(store) else {
          throw UsageError(description: "--store \(store): write sqlite or postgres")
        }
      case "--postgres-url": postgresURL = try value(flag)
      case "--run-id":
        let text = try value(flag)
        guard let id = Int(text), id > 0 else { throw UsageError(description: "--run-id \(text): not a process id") }
        runID = id
      default: throw UsageError(description: "unknown argument \(flag); see BENCHMARKS.md")
      }
    }
    if store == "postgres" {
      guard let postgresURL else {
        throw UsageError(
          description: "--store postgres needs --postgres-url postgres://user@host:port/database "
            + "(or \(Self.postgresURLVariable))")
      }
      do throws(AdminError) {
        _ = try PostgresSettings(url: postgresURL)
      } catch {
        throw UsageError(description: "--postgres-url: \(error)")
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
      workDirectory + "/" + shape, "--synchronous", synchronous, "--rounds", rounds, "--store", store,
      "--run-id", String(runID),
    ]
  }

  /// What a child's environment adds to this process's: the PostgreSQL URL.
  var childEnvironment: [String: String] {
    postgresURL.map { [Self.postgresURLVariable: $0] } ?? [:]
  }

  /// The engine's stores for `shape`: an SQLite file in `directory`, or a PostgreSQL schema of
  /// its own, `bench_<shape>_<run id>` (a checked identifier: `-` becomes `_`).
  func stores(for shape: String, directory: String) -> BenchStoreKind {
    guard store == "postgres", let postgresURL else {
      return .sqlite(path: directory + "/vane.db", synchronous: synchronous == "normal" ? .normal : .full)
    }
    let name = "bench_" + shape.replacingOccurrences(of: "-", with: "_") + "_" + String(runID)
    return .postgres(url: postgresURL, schema: name)
  }
}
