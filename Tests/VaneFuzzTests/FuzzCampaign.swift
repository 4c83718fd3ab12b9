import Foundation
import SwiftProtobuf
import VaneModel

/// One bounded, deterministic fuzzing run over one untrusted input: every seed as given, then
/// `iterations` mutants. Each input must be accepted or rejected with a typed error whose message
/// says what is wrong (``FuzzCampaign/rejection(of:)``); anything else is a finding. A trap kills
/// the test process, which fails the run.
///
/// Reproducing (all through the environment, so a failing `swift test` run can be repeated):
/// - `VANE_FUZZ_TRACE=1` prints every input (hex) before it runs: after a trap, the last line
///   printed is the crashing input.
/// - `VANE_FUZZ_INPUT=<hex>` with `VANE_FUZZ_CAMPAIGN=<name>` runs that one input alone.
/// - `VANE_FUZZ_SCALE=<factor>` multiplies the iterations (e.g. 20 for a long run);
///   `VANE_FUZZ_SEED=<n>` explores from another seed.
struct FuzzCampaign {
  let name: String
  let seeds: [[UInt8]]
  let iterations: Int
  let mutator: Mutator
  var seed: UInt64 = 0x5641_4E45  // "VANE"

  /// What the run found; `findings` must be empty.
  struct Report {
    var accepted = 0
    var rejected = 0
    var findings: [String] = []
    var slowest: (duration: Duration, input: [UInt8]) = (.zero, [])

    var summary: String {
      let slowestMs =
        Double(slowest.duration.components.attoseconds) / 1e15
        + Double(slowest.duration.components.seconds) * 1000
      let start = String(decoding: slowest.input.prefix(48), as: UTF8.self).debugDescription
      return "\(accepted + rejected) inputs (\(accepted) accepted, \(rejected) rejected), "
        + "\(findings.count) findings, slowest \(String(format: "%.1f", slowestMs)) ms "
        + "(\(slowest.input.count) bytes, starting \(start))"
    }
  }

  static let environment = ProcessInfo.processInfo.environment

  /// Runs the campaign; `body` feeds one input to the code under test and throws its rejection.
  func run(_ body: ([UInt8]) async throws -> Void) async -> Report {
    var report = Report()
    let environment = Self.environment
    if let hex = environment["VANE_FUZZ_INPUT"] {
      guard environment["VANE_FUZZ_CAMPAIGN"] == name else { return report }
      await feed(Self.bytes(hex: hex), index: 0, into: &report, body)
      print("fuzz \(name): replayed one input: \(report.summary)\n\(report.findings.joined(separator: "\n"))")
      return report
    }
    let scale = environment["VANE_FUZZ_SCALE"].flatMap(Double.init) ?? 1
    var random = SeededRandom(seed: environment["VANE_FUZZ_SEED"].flatMap(UInt64.init) ?? seed)
    // Accepted mutants join the pool, so damage compounds without ever leaving valid ground.
    var pool = seeds
    let total = seeds.count + Int(Double(iterations) * scale)
    for index in 0..<total {
      let input =
        index < seeds.count
        ? seeds[index] : mutator.mutate(pool[random.below(pool.count)], corpus: pool, using: &random)
      let before = report.accepted
      await feed(input, index: index, into: &report, body)
      if report.accepted > before, index >= seeds.count, pool.count < 256, random.oneIn(4) { pool.append(input) }
    }
    print("fuzz \(name): seed \(environment["VANE_FUZZ_SEED"] ?? String(seed)): \(report.summary)")
    return report
  }

  private func feed(
    _ input: [UInt8], index: Int, into report: inout Report, _ body: ([UInt8]) async throws -> Void
  ) async {
    if Self.environment["VANE_FUZZ_TRACE"] == "1" { print("fuzz \(name) #\(index): \(Self.hex(input))") }
    let clock = ContinuousClock()
    let start = clock.now
    do {
      try await body(input)
      report.accepted += 1
    } catch {
      report.rejected += 1
      if let problem = Self.problem(with: error) {
        report.findings.append("\(name) #\(index): \(problem); input \(Self.hex(input))")
      }
    }
    let took = clock.now - start
    if took > report.slowest.duration { report.slowest = (took, input) }
  }

  /// What is wrong with a rejection, or nil when it is a clear one: a Vane error (or a protobuf
  /// decoding error, which the gRPC layer reports as such) with a message and a description.
  static func problem(with error: any Error) -> String? {
    if let error = error as? any VaneError {
      if error.message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        return "a \(type(of: error)) (\(error.code)) without a message"
      }
      return error.description.isEmpty ? "a \(type(of: error)) without a description" : nil
    }
    if error is BinaryDecodingError || error is JSONDecodingError { return nil }
    return "an untyped \(type(of: error)): \(error)"
  }

  static func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
  }

  static func bytes(hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    return stride(from: 0, to: digits.count - 1, by: 2).compactMap {
      UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16)
    }
  }
}

/// Text inputs as bytes (UTF-8) and back: a mutant that breaks UTF-8 decodes with replacement
/// characters, as a gRPC string field or a command-line argument would.
extension Array where Element == UInt8 {
  var text: String { String(decoding: self, as: UTF8.self) }
}

extension String {
  var bytes: [UInt8] { Array(utf8) }
}
