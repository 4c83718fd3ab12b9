public import FlyteIDL
import Foundation
import VaneModel

/// Turns command-line text (`vane run -i NAME=VALUE`) into the literal flytekit would send for a
/// value of the declared type:
///
/// | type | text |
/// | --- | --- |
/// | `int`, `float`, `str` | as Python reads them (`1_000`, `1e3`, `inf`) |
/// | `bool` | `true`/`false`, `1`/`0`, `yes`/`no`, `y`/`n`, `on`/`off`, `t`/`f`, any case |
/// | `datetime` | ISO 8601; no offset means UTC |
/// | `timedelta` | `10s`, `1m30s`, `2 hours`, `1:24`, `PT1M`, or plain seconds |
/// | `none` | `none` or `null` |
/// | union / optional | the first variant that parses, non-`str` variants before `str` (as `pyflyte run`); stored with the variant's type (and its `structure.tag`) |
/// | list, dict | JSON text; elements converted by the element type |
/// | enum | one of the enum's values |
/// | file, directory (blob) | a local path (checked, made absolute, `file://`) or a URI; blob metadata from the declared type |
/// | structured dataset, schema | a local path or a URI |
/// | dataclass / dict (`STRUCT`) | a JSON object; message-pack `Binary` (tag `msgpack`) when the type's annotation asks for message-pack (flytekit ≥ 1.14), else `google.protobuf.Struct` |
///
/// A value that would match only as `none` inside an `Optional[str]` (`none`) is taken as none.
public struct LiteralParser: Sendable {
  /// The directory relative paths are resolved against.
  public var workingDirectory: String
  /// Whether local paths given for files, directories and datasets must exist.
  public var checksLocalPaths: Bool

  /// Creates a parser resolving relative paths against `workingDirectory` (default: the
  /// process's current directory).
  public init(workingDirectory: String? = nil, checksLocalPaths: Bool = true) {
    self.workingDirectory = workingDirectory ?? FileManager.default.currentDirectoryPath
    self.checksLocalPaths = checksLocalPaths
  }

  /// The literal for `text` given for the input `input` of type `type`.
  public func parse(
    _ text: String, as type: Flyteidl_Core_LiteralType, input: String
  ) throws(LiteralInputError) -> Flyteidl_Core_Literal {
    try parse(text, as: type, at: Site(input: input, path: ""))
  }

  /// The literal map for `NAME=VALUE` assignments against declared input variables; every
  /// problem (malformed, unknown, repeated, invalid) is reported at once.
  public func parseInputs(
    _ assignments: [String], variables: Flyteidl_Core_VariableMap
  ) throws(LiteralInputFailure) -> Flyteidl_Core_LiteralMap {
    var map = Flyteidl_Core_LiteralMap()
    var errors: [LiteralInputError] = []
    for assignment in assignments {
      guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
        errors.append(
          LiteralInputError(
            .malformedAssignment, input: assignment, expected: "", given: "",
            reason: "write inputs as NAME=VALUE"))
        continue
      }
      let name = String(assignment[..<equals]).trimmingSpaces
      let value = String(assignment[assignment.index(after: equals)...])
      guard let variable = variables.variables[name] else {
        let known = variables.variables.keys.sorted().joined(separator: ", ")
        errors.append(
          LiteralInputError(
            .unknownInput, input: name, expected: "", given: "",
            reason: known.isEmpty ? "unknown input; this takes no inputs" : "unknown input; known inputs: \(known)"))
        continue
      }
      guard map.literals[name] == nil else {
        errors.append(
          LiteralInputError(.duplicateInput, input: name, expected: "", given: "", reason: "given more than once"))
        continue
      }
      do {
        map.literals[name] = try parse(value, as: variable.type, input: name)
      } catch {
        errors.append(error)
      }
    }
    guard errors.isEmpty else { throw LiteralInputFailure(errors: errors) }
    return map
  }

  func parse(
    _ text: String, as type: Flyteidl_Core_LiteralType, at site: Site
  ) throws(LiteralInputError) -> Flyteidl_Core_Literal {
    switch type.type {
    case .simple(let simple)?:
      if simple == .struct { return try structLiteral(try json(text, type, site), type, site) }
      return .scalar(.primitiveOrNone(try scalarValue(text, simple, type, site)))
    case .collectionType?, .mapValueType?:
      return try literal(from: try json(text, type, site), as: type, at: site)
    case .enumType(let enumType)?:
      guard enumType.values.contains(text) else {
        throw site.invalid(type, quoted(text), "must be one of: \(enumType.values.joined(separator: ", "))")
      }
      return .scalar(.primitiveOrNone(.stringValue(text)))
    case .unionType(let union)?:
      return try unionLiteral(union, type, site, given: quoted(text)) { (variant) throws(LiteralInputError) in
        try parse(text, as: variant, at: site)
      }
    case .blob(let blob)?:
      return .scalar(.blob(try blobValue(text, blob, type, site)))
    case .structuredDatasetType(let dataset)?:
      return .scalar(.structuredDataset(try datasetValue(text, dataset, type, site)))
    case .schema(let schema)?:
      return .scalar(.schema(try schemaValue(text, schema, type, site)))
    case nil:
      throw site.unsupported(type, "the input's type is empty")
    }
  }

  /// A primitive (nil for `none`) parsed from text for a simple type.
  func scalarValue(
    _ text: String, _ simple: Flyteidl_Core_SimpleType, _ type: Flyteidl_Core_LiteralType, _ site: Site
  ) throws(LiteralInputError) -> Flyteidl_Core_Primitive.OneOf_Value? {
    let trimmed = text.trimmingSpaces
    switch simple {
    case .integer:
      guard let value = PythonNumber.integer(trimmed) else {
        throw site.invalid(type, quoted(text), "write a whole number such as 42 or -7")
      }
      return .integer(value)
    case .float:
      guard let value = PythonNumber.float(trimmed) else {
        throw site.invalid(type, quoted(text), "write a number such as 1.5, 2 or 1e-3")
      }
      return .floatValue(value)
    case .string:
      return .stringValue(text)
    case .boolean:
      switch trimmed.lowercased() {
      case "true", "1", "yes", "y", "on", "t": return .boolean(true)
      case "false", "0", "no", "n", "off", "f": return .boolean(false)
      default: throw site.invalid(type, quoted(text), "write true or false")
      }
    case .datetime:
      guard let value = DateTimeText.parse(trimmed) else {
        throw site.invalid(type, quoted(text), "write an ISO 8601 date-time such as 2024-05-01T12:30:00Z")
      }
      return .datetime(value)
    case .duration:
      guard let value = DurationText.parse(trimmed) else {
        throw site.invalid(type, quoted(text), "write a duration such as 90, 10s, 1m30s, 2 hours or PT1M")
      }
      return .duration(value)
    case .none:
      guard ["none", "null"].contains(trimmed.lowercased()) else {
        throw site.invalid(type, quoted(text), "only none (or null) is a value of this type")
      }
      return nil
    case .binary, .error, .struct, .UNRECOGNIZED:
      throw site.unsupported(type, "values of this type cannot be given on the command line")
    }
  }

  func json(
    _ text: String, _ type: Flyteidl_Core_LiteralType, _ site: Site
  ) throws(LiteralInputError) -> JSONValue {
    do {
      return try JSONValue(parsing: text)
    } catch {
      throw site.invalid(type, quoted(text), "not valid JSON: \(error)")
    }
  }

  func quoted(_ text: String) -> String {
    JSONValue.quoted(text.count > 200 ? String(text.prefix(200)) + "…" : text)
  }
}
