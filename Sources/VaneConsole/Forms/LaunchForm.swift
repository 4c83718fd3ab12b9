public import FlyteIDL
import Foundation
import VaneData
import VaneModel

/// The form that launches a launch plan, generated from its interface: one field per input
/// that may be given (its type, description, default filled in, required or not), the fixed
/// inputs shown read-only, and — after a submission — the message next to each field that
/// was refused.
public struct LaunchForm: Sendable {
  public struct Option: Sendable {
    public var value: String
    public var selected: Bool
  }

  public struct Field: Sendable {
    public var name: String
    public var type: String
    public var description: String
    public var value: String
    public var required: Bool
    /// `text`, `area` (lists, maps, dataclasses: JSON) or `select` (bools and enums).
    public var control: String
    public var options: [Option]
    public var error: String?
    /// One of these is true, after `control` (templates read stored properties only).
    public var isText: Bool
    public var isArea: Bool
    public var isSelect: Bool
  }

  public struct Fixed: Sendable {
    public var name: String
    public var value: String
  }

  public var fields: [Field]
  public var fixed: [Fixed]
  public var hasFixed: Bool
  /// The execution name given (may be empty: one is generated).
  public var executionName: String
  public var nameError: String?

  /// The form for `plan`, with `submitted` values (from a refused submission) in place of the
  /// defaults.
  public init(plan: Flyteidl_Admin_LaunchPlan, submitted: [String: String] = [:]) {
    let parameters = plan.spec.defaultInputs.parameters
    fields = parameters.keys.sorted().map { name in
      let parameter = parameters[name]!
      let type = parameter.var.type
      var defaultText = ""
      if case .default(let literal)? = parameter.behavior { defaultText = Self.text(literal) }
      let value = submitted[name] ?? defaultText
      var control = "text"
      var options: [Option] = []
      switch type.type {
      case .simple(.boolean)?:
        control = "select"
        options = ["true", "false"].map { Option(value: $0, selected: $0 == value.lowercased()) }
      case .enumType(let enumeration)?:
        control = "select"
        options = enumeration.values.map { Option(value: $0, selected: $0 == value) }
      case .collectionType?, .mapValueType?, .simple(.struct)?:
        control = "area"
      default:
        break
      }
      if control == "select", !parameter.required, !options.contains(where: \.selected), value.isEmpty {
        options.insert(Option(value: "", selected: true), at: 0)
      }
      return Field(
        name: name, type: type.readable, description: parameter.var.description_p, value: value,
        required: parameter.required, control: control, options: options, error: nil, isText: control == "text",
        isArea: control == "area", isSelect: control == "select")
    }
    fixed = plan.spec.fixedInputs.literals.keys.sorted().map { name in
      Fixed(name: name, value: Self.text(plan.spec.fixedInputs.literals[name]!))
    }
    hasFixed = !fixed.isEmpty
    executionName = submitted[Self.nameField] ?? ""
  }

  /// The form field that names the execution.
  public static let nameField = "_execution_name"

  /// Text a person would type for `literal`: strings as they are, datetimes and durations in
  /// the forms the parser reads, files by URI, everything else as JSON.
  public static func text(_ literal: Flyteidl_Core_Literal) -> String {
    if case .scalar(let scalar)? = literal.value {
      switch scalar.value {
      case .primitive(let primitive)?:
        switch primitive.value {
        case .stringValue(let text)?: return text
        case .datetime(let time)?: return DateTimeText.format(time)
        case .duration(let duration)?: return DurationText.format(duration)
        default: break
        }
      case .union(let union)?: return text(union.value)
      case .noneType?: return "none"
      case .blob(let blob)?: return blob.uri
      case .structuredDataset(let dataset)?: return dataset.uri
      default: break
      }
    }
    return LiteralPrinter.text(literal)
  }

  /// Checks the submitted values against the plan's interface: the inputs to send (values
  /// left empty fall back to the plan's defaults, which the admin side fills in), or the form
  /// with a message next to every refused field.
  public static func validate(
    plan: Flyteidl_Admin_LaunchPlan, submitted: [String: String]
  ) -> Result<Flyteidl_Core_LiteralMap, LaunchFormRefusal> {
    var form = LaunchForm(plan: plan, submitted: submitted)
    var inputs = Flyteidl_Core_LiteralMap()
    let parser = LiteralParser(workingDirectory: "/", checksLocalPaths: false)
    let parameters = plan.spec.defaultInputs.parameters
    var refused = false
    for index in form.fields.indices {
      let name = form.fields[index].name
      let parameter = parameters[name]!
      let text = (submitted[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
      if text.isEmpty {
        if parameter.required {
          form.fields[index].error = "required: give a \(parameter.var.type.readable)"
          refused = true
        }
        continue
      }
      if Self.namesData(parameter.var.type), !text.contains("://") {
        form.fields[index].error = "give a URI (s3://…, file://…): the server cannot read files from your machine"
        refused = true
        continue
      }
      do {
        inputs.literals[name] = try parser.parse(text, as: parameter.var.type, input: name)
      } catch {
        form.fields[index].error = Self.message(error)
        refused = true
      }
    }
    return refused ? .failure(LaunchFormRefusal(form: form)) : .success(inputs)
  }

  /// Whether values of `type` are files, directories or datasets (given by URI).
  static func namesData(_ type: Flyteidl_Core_LiteralType) -> Bool {
    switch type.type {
    case .blob?, .structuredDatasetType?, .schema?: true
    default: false
    }
  }

  /// The parser's reason without the input's name (the message sits next to the field).
  static func message(_ error: LiteralInputError) -> String {
    var text = ""
    if !error.path.isEmpty { text += "at \(error.path): " }
    if !error.expected.isEmpty { text += "expected \(error.expected)" }
    if !error.given.isEmpty { text += (text.isEmpty ? "got " : ", got ") + error.given }
    if !error.reason.isEmpty { text += (text.isEmpty ? "" : " — ") + error.reason }
    return text.isEmpty ? "not a valid value" : text
  }
}

/// A launch form that was refused, with the messages to show next to its fields.
public struct LaunchFormRefusal: Error, Sendable {
  public var form: LaunchForm
}
