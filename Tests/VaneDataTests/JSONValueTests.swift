import Testing
import VaneData

@Suite struct JSONValueTests {
  @Test func keepsIntegersOrderAndLastDuplicate() throws {
    let value = try JSONValue(parsing: #" {"b": 1, "a": 1.0, "b": 3, "s": "\ud83d\ude00\n"} "#)
    #expect(
      value
        == .object([
          JSONMember("b", .integer(3)), JSONMember("a", .double(1)), JSONMember("s", .string("😀\n")),
        ]))
    #expect(value.rendered() == #"{"b": 3, "a": 1.0, "s": "😀\n"}"#)
  }

  @Test(arguments: ["", "[1,]", "{\"a\" 1}", "01", "1.", "\"abc", "tru", "[1] x", "\"\\x\""])
  func rejectsMalformedText(text: String) {
    #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: text) }
  }

  @Test func rejectsDeepNestingWithoutCrashing() {
    let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: text) }
  }
}
