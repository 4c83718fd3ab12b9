import FlyteIDL
import Foundation
import Testing
import VaneData

@Suite struct LiteralPrinterTests {
  let parser = LiteralParser(workingDirectory: "/", checksLocalPaths: false)

  @Test(arguments: [
    ("42", T.int, "42"),
    ("1.5", T.float, "1.5"),
    ("2", T.float, "2.0"),
    ("a \"q\"", T.str, #""a \"q\"""#),
    ("true", T.bool, "true"),
    ("2024-05-01T14:30:00.25+02:00", T.datetime, #""2024-05-01T12:30:00.25Z""#),
    ("PT1H1M30.5S", T.duration, #""1h1m30.5s""#),
    ("none", T.none, "null"),
    ("[1, 2]", T.list(T.int), "[1, 2]"),
    (#"{"b": 1, "a": 2}"#, T.dict(T.int), #"{"a": 2, "b": 1}"#),
    ("7", T.union((T.int, "int"), (T.none, "none")), "7"),
    (#"{"b": [1, 2.5], "a": {"z": null}}"#, T.msgpackStruct(), #"{"b": [1, 2.5], "a": {"z": null}}"#),
    (#"{"b": 1, "a": "x"}"#, T.genericStruct, #"{"a": "x", "b": 1}"#),
    ("s3://b/f.csv", T.blob(format: "csv"), #""s3://b/f.csv""#),
  ])
  func printsParsedValues(text: String, type: Flyteidl_Core_LiteralType, expected: String) throws {
    let literal = try parser.parse(text, as: type, input: "x")
    #expect(LiteralPrinter.text(literal) == expected)
  }

  @Test func printsMapsSortedAndPretty() throws {
    var map = Flyteidl_Core_LiteralMap()
    map.literals["o1"] = try parser.parse("[1]", as: T.list(T.int), input: "o1")
    map.literals["o0"] = try parser.parse("hi", as: T.str, input: "o0")
    #expect(LiteralPrinter.text(map) == "{\n  \"o0\": \"hi\",\n  \"o1\": [\n    1\n  ]\n}")
    #expect(LiteralPrinter.text(map, pretty: false) == #"{"o0": "hi", "o1": [1]}"#)
  }

  @Test func unknownBinaryPrintsAsBase64() {
    var binary = Flyteidl_Core_Binary()
    binary.value = Data([1, 2, 3])
    binary.tag = "other"
    var scalar = Flyteidl_Core_Scalar()
    scalar.value = .binary(binary)
    var literal = Flyteidl_Core_Literal()
    literal.value = .scalar(scalar)
    #expect(LiteralPrinter.text(literal) == #""AQID""#)
  }
}
