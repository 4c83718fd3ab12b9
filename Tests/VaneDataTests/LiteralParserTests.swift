import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneData
import VaneTesting

@Suite struct LiteralParserTests {
  let parser = LiteralParser(workingDirectory: "/", checksLocalPaths: false)

  /// Text, type, expected literal in protobuf text format.
  @Test(arguments: [
    ("42", T.int, "scalar { primitive { integer: 42 } }"),
    (" -1_000 ", T.int, "scalar { primitive { integer: -1000 } }"),
    ("1.5", T.float, "scalar { primitive { float_value: 1.5 } }"),
    ("2", T.float, "scalar { primitive { float_value: 2 } }"),
    ("1e-3", T.float, "scalar { primitive { float_value: 0.001 } }"),
    ("hello world", T.str, "scalar { primitive { string_value: \"hello world\" } }"),
    ("TRUE", T.bool, "scalar { primitive { boolean: true } }"),
    ("0", T.bool, "scalar { primitive { boolean: false } }"),
    ("False", T.bool, "scalar { primitive { boolean: false } }"),
    ("2024-05-01T12:30:00Z", T.datetime, "scalar { primitive { datetime { seconds: 1714566600 } } }"),
    (
      "2024-05-01T14:30:00.25+02:00", T.datetime,
      "scalar { primitive { datetime { seconds: 1714566600 nanos: 250000000 } } }"
    ),
    ("2024-05-01", T.datetime, "scalar { primitive { datetime { seconds: 1714521600 } } }"),
    ("10s", T.duration, "scalar { primitive { duration { seconds: 10 } } }"),
    ("1m30s", T.duration, "scalar { primitive { duration { seconds: 90 } } }"),
    ("PT1M", T.duration, "scalar { primitive { duration { seconds: 60 } } }"),
    ("90.5", T.duration, "scalar { primitive { duration { seconds: 90 nanos: 500000000 } } }"),
    ("2 hours", T.duration, "scalar { primitive { duration { seconds: 7200 } } }"),
    ("1:24", T.duration, "scalar { primitive { duration { seconds: 84 } } }"),
    ("-5s", T.duration, "scalar { primitive { duration { seconds: -5 } } }"),
    ("none", T.none, "scalar { none_type { } }"),
    ("b", T.enumeration("a", "b"), "scalar { primitive { string_value: \"b\" } }"),
    (
      "[1, 2]", T.list(T.int),
      "collection { literals { scalar { primitive { integer: 1 } } } literals { scalar { primitive { integer: 2 } } } }"
    ),
    ("[]", T.list(T.str), "collection { }"),
    (
      "{\"a\": 1.5}", T.dict(T.float),
      "map { literals { key: \"a\" value { scalar { primitive { float_value: 1.5 } } } } }"
    ),
    (
      "[[\"x\"]]", T.list(T.list(T.str)),
      "collection { literals { collection { literals { scalar { primitive { string_value: \"x\" } } } } } }"
    ),
    (
      "s3://bucket/file.csv", T.blob(format: "csv"),
      "scalar { blob { metadata { type { format: \"csv\" } } uri: \"s3://bucket/file.csv\" } }"
    ),
    (
      "data/dir", T.blob(multipart: true),
      "scalar { blob { metadata { type { dimensionality: MULTIPART } } uri: \"/data/dir\" } }"
    ),
    (
      "s3://b/df.parquet", T.dataset(format: "parquet"),
      "scalar { structured_dataset { uri: \"s3://b/df.parquet\" metadata { structured_dataset_type { format: \"parquet\" } } } }"
    ),
    (
      "{\"a\": [1, \"x\"]}", T.genericStruct,
      "scalar { generic { fields { key: \"a\" value { list_value { values { number_value: 1 } values { string_value: \"x\" } } } } } }"
    ),
  ])
  func parsesText(text: String, type: Flyteidl_Core_LiteralType, expected: String) throws {
    let literal = try parser.parse(text, as: type, input: "x")
    #expect(literal == (try Flyteidl_Core_Literal(textFormatString: expected)))
  }

  @Test(arguments: [
    ("5", "scalar { primitive { integer: 5 } }", "int"),
    ("none", "scalar { none_type { } }", "none"),
    ("NULL", "scalar { none_type { } }", "none"),
  ])
  func optionalPicksTheFirstVariantThatParses(text: String, inner: String, tag: String) throws {
    let type = T.union((T.int, "int"), (T.none, "none"))
    let literal = try parser.parse(text, as: type, input: "x")
    guard case .scalar(let scalar)? = literal.value, case .union(let union)? = scalar.value else {
      Issue.record("not a union literal: \(literal)")
      return
    }
    #expect(union.value == (try Flyteidl_Core_Literal(textFormatString: inner)))
    #expect(union.type.structure.tag == tag)
  }

  @Test func stringVariantsAreTriedLast() throws {
    let type = T.union((T.str, "str"), (T.int, "int"))
    let number = try parser.parse("7", as: type, input: "x")
    #expect(number.scalar.union.type.structure.tag == "int")
    let text = try parser.parse("seven", as: type, input: "x")
    #expect(text.scalar.union.type.structure.tag == "str")
    #expect(text.scalar.union.value.scalar.primitive.stringValue == "seven")
  }

  @Test func listOfOptionalsFromJSON() throws {
    let type = T.list(T.union((T.int, "int"), (T.none, "none")))
    let literal = try parser.parse("[1, null]", as: type, input: "xs")
    let elements = literal.collection.literals
    #expect(elements.count == 2)
    #expect(elements[0].scalar.union.value.scalar.primitive.integer == 1)
    #expect(elements[1].scalar.union.type.structure.tag == "none")
  }

  /// Text, type, error code, and fragments the message must contain.
  @Test(arguments: [
    ("abc", T.int, LiteralInputError.Code.invalidValue, ["input 'x'", "expected int", "\"abc\"", "whole number"]),
    ("1.5", T.int, .invalidValue, ["expected int", "\"1.5\""]),
    ("99999999999999999999", T.int, .invalidValue, ["expected int"]),
    ("x1", T.float, .invalidValue, ["expected float"]),
    ("maybe", T.bool, .invalidValue, ["expected bool", "true or false"]),
    ("yesterday", T.datetime, .invalidValue, ["expected datetime", "ISO 8601"]),
    ("2024-02-30", T.datetime, .invalidValue, ["expected datetime"]),
    ("10 parsecs", T.duration, .invalidValue, ["expected timedelta"]),
    ("c", T.enumeration("a", "b"), .invalidValue, ["expected enum[a, b]", "one of: a, b"]),
    ("[1, \"two\"]", T.list(T.int), .invalidValue, ["at [1]", "expected int", "\"two\""]),
    ("[1,", T.list(T.int), .invalidValue, ["expected list[int]", "not valid JSON"]),
    ("{\"a\": \"b\"}", T.dict(T.int), .invalidValue, ["at .a", "expected int"]),
    ("[1]", T.dict(T.int), .invalidValue, ["expected dict[str, int]", "JSON object"]),
    (
      "abc", T.union((T.int, "int"), (T.none, "none")), .invalidValue,
      ["expected union[int, none]", "matches no variant", "int:", "none:"]
    ),
    ("[1]", T.msgpackStruct(), .invalidValue, ["expected struct", "JSON object"]),
    ("{\"a\": \"x\"}", T.msgpackStruct(["a": T.int]), .invalidValue, ["at .a", "expected int"]),
    ("x", T.simple(.binary), .unsupportedType, ["expected bytes", "command line"]),
    ("file://relative/x", T.blob(), .invalidValue, ["absolute path"]),
  ])
  func rejectsBadValues(
    text: String, type: Flyteidl_Core_LiteralType, code: LiteralInputError.Code, fragments: [String]
  ) {
    let error = #expect(throws: LiteralInputError.self) { try parser.parse(text, as: type, input: "x") }
    #expect(error?.code == code)
    let message = error?.description ?? ""
    for fragment in fragments {
      #expect(message.contains(fragment), "\(message) lacks \(fragment)")
    }
  }

  @Test func localPathsAreCheckedAndMadeAbsolute() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.file("in/data.csv")
    let checking = LiteralParser(workingDirectory: directory.path)
    let file = try checking.parse("in/data.csv", as: T.blob(format: "csv"), input: "f")
    #expect(file.scalar.blob.uri == directory.path + "/in/data.csv", "local files go to flytekit as plain paths")
    #expect(file.scalar.blob.metadata.type.format == "csv")
    let folder = try checking.parse("./in", as: T.blob(multipart: true), input: "d")
    #expect(folder.scalar.blob.uri == directory.path + "/in")

    let missing = #expect(throws: LiteralInputError.self) { try checking.parse("nope.csv", as: T.blob(), input: "f") }
    #expect(missing?.code == .pathNotFound)
    #expect(missing?.description.contains("nope.csv") == true)
    let wrongKind = #expect(throws: LiteralInputError.self) { try checking.parse("in", as: T.blob(), input: "f") }
    #expect(wrongKind?.reason.contains("is a directory") == true)
  }

  @Test func inputAssignmentsReportEveryProblem() throws {
    var variables = Flyteidl_Core_VariableMap()
    for (name, type) in [("a", T.int), ("b", T.str)] {
      var variable = Flyteidl_Core_Variable()
      variable.type = type
      variables.variables[name] = variable
    }
    let map = try parser.parseInputs(["a=1", "b=x=y"], variables: variables)
    #expect(map.literals["a"]?.scalar.primitive.integer == 1)
    #expect(map.literals["b"]?.scalar.primitive.stringValue == "x=y")

    let failure = #expect(throws: LiteralInputFailure.self) {
      try parser.parseInputs(["a=one", "c=1", "novalue", "b=1", "b=2"], variables: variables)
    }
    #expect(failure?.errors.map(\.code) == [.invalidValue, .unknownInput, .malformedAssignment, .duplicateInput])
    #expect(failure?.errors[1].reason == "unknown input; known inputs: a, b")
  }
}
