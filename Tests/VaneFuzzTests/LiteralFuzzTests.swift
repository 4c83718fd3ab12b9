import FlyteIDL
import Foundation
import Testing
import VaneData

/// Command-line literals (`vane run -i`, and the same parser behind launch-form inputs), JSON and
/// message-pack: mutated text against every literal type the showcase declares.
@Suite struct LiteralFuzzTests {
  static let textTokens = [
    "[", "]", "{", "}", "\"", "\\", "\\u", "\\ud800", ":", ",", "null", "true", "-", "e", "E+", ".", "_", "inf",
    "nan", "T", "Z", "+05:30", "PT", "h", "ms", " ", "1:", "file://", "s3://", "/", "..", "%", "\u{0}", "é",
  ].map(\.bytes)
  static let textSeeds = [
    "42", "-7", "1_000", "1.5", "1e-3", "inf", "true", "no", "none", "hello", "2024-05-01T12:30:00Z",
    "2024-05-01T12:30:00.123456+02:00", "1m30s", "2 hours", "1:24", "PT1M", "90", "[1, 2, 3]",
    "{\"a\": [1.5, 2], \"b\": {\"c\": null}}", "[[\"x\"], []]", "{\"x\": 1, \"y\": \"z\", \"items\": [true, false]}",
    "RED", "/tmp/data.csv", "s3://bucket/key", "file:///tmp/x", "\"quoted \\u00e9 \\ud83d\\ude00\"",
  ].map(\.bytes)

  @Test func literalTextAgainstEveryShowcaseType() async throws {
    let parser = LiteralParser(workingDirectory: "/nonexistent", checksLocalPaths: false)
    // Types that take any text (`str`, unions with `str`, paths) would accept every mutant and
    // test nothing but themselves; they are fuzzed with the others in `literal-assignments`.
    let types = try FuzzSeeds.literalTypes().filter { (type) in
      (try? parser.parse("[{\u{1}", as: type, input: "probe")) == nil
    }
    try #require(types.count >= 8)
    let campaign = FuzzCampaign(
      name: "literal-text", seeds: Self.textSeeds, iterations: 2500,
      mutator: Mutator(dictionary: Self.textTokens, maxSize: 16 << 10, nesting: ("[".bytes, "]".bytes)))
    // Every type sees every input: one accepting type does not hide another's crash. The input
    // counts as accepted when some type took it.
    let report = await campaign.run { input in
      let text = input.text
      var firstRejection: LiteralInputError?
      var accepted = false
      for type in types {
        do throws(LiteralInputError) {
          _ = try parser.parse(text, as: type, input: "x")
          accepted = true
        } catch {
          firstRejection = firstRejection ?? error
        }
      }
      if !accepted, let firstRejection { throw firstRejection }
    }
    #expect(report.findings.isEmpty, "\(report.findings.prefix(5).joined(separator: "\n"))")
    #expect(report.accepted > 0 && report.rejected > 0)
  }

  @Test func assignmentsAgainstAnInterface() async throws {
    let task = try #require(
      try FuzzSeeds.taskSpecs().max {
        $0.template.interface.inputs.variables.count < $1.template.interface.inputs.variables.count
      })
    let variables = task.template.interface.inputs
    let names = variables.variables.keys.sorted()
    let seeds = [names.map { "\($0)=1" }.joined(separator: "\n"), "x=1\nx=2", "=3", "noequals", "a==b\n\n"]
    let parser = LiteralParser(workingDirectory: "/nonexistent", checksLocalPaths: false)
    let campaign = FuzzCampaign(
      name: "literal-assignments", seeds: seeds.map(\.bytes), iterations: 1500,
      mutator: Mutator(dictionary: Self.textTokens + ["=", "\n"].map(\.bytes) + names.map(\.bytes), maxSize: 16 << 10))
    let report = await campaign.run { input in
      let assignments = input.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      do throws(LiteralInputFailure) {
        _ = try parser.parseInputs(assignments, variables: variables)
      } catch {
        // Every problem is reported at once, each with its own message.
        if let empty = error.errors.first(where: { $0.message.isEmpty }) { throw empty }
        throw error
      }
    }
    #expect(report.findings.isEmpty, "\(report.findings.prefix(5).joined(separator: "\n"))")
    #expect(report.accepted > 0 && report.rejected > 0)
  }

  /// Accepted JSON renders to text that parses back to the same value.
  @Test func jsonParsesOrRejectsAndRoundTrips() async throws {
    let campaign = FuzzCampaign(
      name: "json", seeds: Self.textSeeds, iterations: 4000,
      mutator: Mutator(dictionary: Self.textTokens, maxSize: 16 << 10, nesting: ("{\"a\":[".bytes, "]}".bytes)))
    var mismatches: [String] = []
    let report = await campaign.run { input in
      let value = try JSONValue(parsing: input.text)
      let again = try JSONValue(parsing: value.rendered())
      if again != value { mismatches.append(FuzzCampaign.hex(input)) }
    }
    #expect(report.findings.isEmpty, "\(report.findings.prefix(5).joined(separator: "\n"))")
    #expect(mismatches.isEmpty, "rendered JSON reads back differently: \(mismatches.prefix(3))")
    #expect(report.accepted > 0 && report.rejected > 0)
  }

  /// Message-pack as flytekit writes dataclasses: accepted bytes decode to a value that encodes
  /// and decodes back to itself.
  @Test func messagePackDecodesOrRejectsAndRoundTrips() async throws {
    let seeds = Self.textSeeds.compactMap { try? JSONValue(parsing: $0.text) }.map { [UInt8](MessagePack.encode($0)) }
    try #require(seeds.count > 10)
    let campaign = FuzzCampaign(
      name: "messagepack", seeds: seeds, iterations: 4000,
      mutator: Mutator(
        dictionary: [
          [0xDC, 0xFF, 0xFF], [0xDF, 0xFF, 0xFF, 0xFF, 0xFF], [0xDB, 0x7F, 0xFF, 0xFF, 0xFF], [0xC1], [0x91],
        ],
        maxSize: 16 << 10, nesting: ([0x91], [])))
    var mismatches: [String] = []
    let report = await campaign.run { input in
      let value = try MessagePack.decode(Data(input))
      if try MessagePack.decode(MessagePack.encode(value)) != value { mismatches.append(FuzzCampaign.hex(input)) }
    }
    #expect(report.findings.isEmpty, "\(report.findings.prefix(5).joined(separator: "\n"))")
    #expect(mismatches.isEmpty, "message-pack reads back differently: \(mismatches.prefix(3))")
    #expect(report.accepted > 0 && report.rejected > 0)
  }
}
