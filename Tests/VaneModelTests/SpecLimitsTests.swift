import SwiftProtobuf
import Testing
import VaneModel

@Suite struct SpecLimitsTests {
  @Test func durationsAreClampedIntoRange() {
    #expect(SpecLimits.duration(Google_Protobuf_Duration(seconds: 5, nanos: 500_000_000)) == .milliseconds(5500))
    #expect(SpecLimits.duration(Google_Protobuf_Duration(seconds: .max)) == SpecLimits.maxDuration)
    #expect(SpecLimits.duration(Google_Protobuf_Duration(seconds: -3)) == .zero)
    #expect(SpecLimits.duration(Google_Protobuf_Duration(seconds: 0, nanos: -1)) == .zero)
    #expect(SpecLimits.duration(Google_Protobuf_Duration(seconds: .min, nanos: .min)) == .zero)
  }

  @Test func attemptsSaturate() {
    #expect(SpecLimits.attempts(retries: 0) == 1)
    #expect(SpecLimits.attempts(retries: 3) == 4)
    #expect(SpecLimits.attempts(retries: .max) == Int(SpecLimits.maxRetries) + 1)
    // The longest deadline the engine computes stays inside `Duration`.
    #expect(SpecLimits.maxDuration * SpecLimits.attempts(retries: .max) > SpecLimits.maxDuration)
  }

  @Test func problemsNameTheFieldAndTheLimit() {
    let field = "metadata.timeout"
    #expect(SpecLimits.problem(with: Google_Protobuf_Duration(seconds: 60), field: field) == nil)
    let tooLong = SpecLimits.problem(with: Google_Protobuf_Duration(seconds: 100_000_000_000_000_000), field: field)
    #expect(tooLong == "metadata.timeout is 100000000000000000 s; the longest allowed is 3153600000 s (100 years)")
    #expect(SpecLimits.problem(with: Google_Protobuf_Duration(seconds: -1), field: field)?.contains("negative") == true)
    #expect(SpecLimits.problem(withRetries: 10_001, field: "retries") == "retries is 10001; the most allowed is 10000")
    #expect(SpecLimits.problem(withRetries: 10_000, field: "retries") == nil)
  }
}
