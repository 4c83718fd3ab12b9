import FlyteIDL
import Testing
import VaneModel

@Suite struct VaneErrorTests {
  struct Sample: VaneError {
    enum Code: String, Sendable, Hashable { case notFound }
    var code: Code
    var message: String
    var location: String?
  }

  @Test func theDescriptionIsLocationThenMessage() {
    #expect(Sample(code: .notFound, message: "no such thing", location: "a/b").description == "a/b: no such thing")
    #expect(Sample(code: .notFound, message: "no such thing", location: nil).description == "no such thing")
    #expect(Sample(code: .notFound, message: "m", location: "").description == "m")
    #expect(Sample(code: .notFound, message: "m", location: nil).codeName == "notFound")
    #expect(Sample(code: .notFound, message: "m", location: nil).cause == nil)
  }

  /// Flyte's spellings: upper camel case, as FlytePropeller writes them, and each once.
  @Test func nodeErrorCodesAreFlytesSpellings() {
    let spellings = NodeErrorCode.allCases.map(\.rawValue)
    #expect(Set(spellings).count == spellings.count)
    #expect(spellings.allSatisfy { $0.first?.isUppercase == true && !$0.contains(" ") })
    #expect(NodeErrorCode.bindingResolutionFailure.rawValue == "BindingResolutionFailure")
    #expect(NodeErrorCode.timeoutExpired.rawValue == "TimeoutExpired")
    #expect(NodeErrorCode.timeout.rawValue == "Timeout")
    #expect(NodeErrorCode.writeOutputsFailed.rawValue == "WriteOutputsFailed")
    #expect(NodeErrorCode.idlNotFoundError.rawValue == "IDLNotFoundErr")
  }

  @Test func executionErrorsAreMadeFromACodeMessageAndKind() {
    let error = Flyteidl_Core_ExecutionError.make(.nodeAborted, message: "stop", kind: .system)
    #expect(error.code == "NodeAborted" && error.message == "stop" && error.kind == .system)
    #expect(
      Flyteidl_Core_ExecutionError.make(code: "USER:ValueError", message: "x", kind: .user).code == "USER:ValueError")
  }
}
