import Foundation
import Testing
import VaneEngine
import VaneServer

/// `engine.round_transitions`, `engine.round_duration`, `engine.first_round_duration`,
/// `engine.longest_round_duration`, `engine.max_status_size`: the engine's round limits.
@Suite struct ConfigRoundTests {
  @Test func theEngineDefaultsUnlessSet() throws {
    #expect(try ConfigReader.load(path: nil, environment: [:]).engine.rounds == RoundLimits())
  }

  @Test func theFileSetsThemAndTheEnvironmentOverrides() throws {
    var config = try ConfigReader.decode(
      """
      engine:
        round_transitions: 500
        round_duration: 20ms
        first_round_duration: 5ms
        longest_round_duration: 2s
        max_status_size: 64Mi
      """)
    #expect(
      config.engine.rounds
        == RoundLimits(
          transitions: 500, duration: .milliseconds(20), firstRoundDuration: .milliseconds(5),
          longestDuration: .seconds(2), statusBytes: 64 << 20))
    try ConfigReader.applyEnvironment(["VANE_ENGINE_ROUND_DURATION": "100ms"], to: &config)
    #expect(config.engine.rounds.duration == .milliseconds(100))
  }

  @Test func eachLimitIsBoundedByTheOthers() throws {
    let config = try ConfigReader.decode(
      "engine:\n  round_duration: 50ms\n  first_round_duration: 1s\n  longest_round_duration: 10ms\n")
    #expect(config.engine.rounds.firstRoundDuration == .milliseconds(50), "at most a round")
    #expect(config.engine.rounds.longestDuration == .milliseconds(50), "at least a round")
  }

  @Test(arguments: [
    ("round_transitions", "0"), ("round_duration", "soon"), ("max_status_size", "10k"),
    ("longest_round_duration", "-1s"),
  ])
  func aBadLimitNamesTheKeyAndLine(key: String, text: String) {
    #expect {
      _ = try ConfigReader.decode("engine:\n  \(key): \(text)\n", file: "vane.yaml")
    } throws: { error in
      guard let error = error as? ConfigError else { return false }
      return error.key == "engine.\(key)" && error.location == "vane.yaml:2"
    }
  }
}
