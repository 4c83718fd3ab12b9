import FlyteIDL
import Testing
import VaneModel
import VaneTesting

@testable import VaneConsole

@Suite struct LaunchFormTests {
  static func type(_ simple: Flyteidl_Core_SimpleType) -> Flyteidl_Core_LiteralType {
    var type = Flyteidl_Core_LiteralType()
    type.simple = simple
    return type
  }

  static func parameter(
    _ type: Flyteidl_Core_LiteralType, default literal: Flyteidl_Core_Literal? = nil
  )
    -> Flyteidl_Core_Parameter
  {
    var parameter = Flyteidl_Core_Parameter()
    parameter.var.type = type
    if let literal { parameter.default = literal } else { parameter.required = true }
    return parameter
  }

  /// epochs: int (required), name: str = "run", fast: bool = false, layers: list[int],
  /// data: file; seed fixed at 7.
  static func plan() -> Flyteidl_Admin_LaunchPlan {
    var plan = Flyteidl_Admin_LaunchPlan()
    var list = Flyteidl_Core_LiteralType()
    list.collectionType = type(.integer)
    var blob = Flyteidl_Core_LiteralType()
    blob.blob = Flyteidl_Core_BlobType()
    plan.spec.defaultInputs.parameters = [
      "epochs": parameter(type(.integer)), "name": parameter(type(.string), default: .string("run")),
      "fast": parameter(type(.boolean), default: .bool(false)),
      "layers": parameter(list, default: .list([.int(64), .int(32)])),
      "data": parameter(
        blob,
        default: {
          var literal = Flyteidl_Core_Literal()
          literal.scalar.blob.uri = "s3://bucket/in.csv"
          return literal
        }()),
    ]
    plan.spec.fixedInputs.literals = ["seed": .int(7)]
    return plan
  }

  @Test func fieldsShowTypesDefaultsAndFixedInputs() {
    let form = LaunchForm(plan: Self.plan())
    #expect(form.fields.map(\.name) == ["data", "epochs", "fast", "layers", "name"])
    let byName = Dictionary(uniqueKeysWithValues: form.fields.map { ($0.name, $0) })
    #expect(byName["epochs"]?.required == true && byName["epochs"]?.value == "" && byName["epochs"]?.type == "int")
    #expect(byName["name"]?.value == "run")
    #expect(byName["layers"]?.value.filter { !$0.isWhitespace } == "[64,32]" && byName["layers"]?.isArea == true)
    #expect(byName["fast"]?.isSelect == true && byName["fast"]?.options.first { $0.selected }?.value == "false")
    #expect(byName["data"]?.value == "s3://bucket/in.csv")
    #expect(form.fixed.map(\.name) == ["seed"] && form.fixed.first?.value == "7")
  }

  @Test func aWrongTypeIsRefusedNextToItsField() throws {
    let result = LaunchForm.validate(plan: Self.plan(), submitted: ["epochs": "three", "layers": "[1, \"x\"]"])
    guard case .failure(let refusal) = result else { Issue.record("accepted a wrong type"); return }
    let byName = Dictionary(uniqueKeysWithValues: refusal.form.fields.map { ($0.name, $0) })
    #expect(byName["epochs"]?.error?.contains("int") == true)
    #expect(byName["epochs"]?.value == "three")  // what was typed stays in the field
    #expect(byName["layers"]?.error?.contains("[1]") == true)
    #expect(byName["name"]?.error == nil)
  }

  @Test func requiredInputsMustBeGiven() {
    guard case .failure(let refusal) = LaunchForm.validate(plan: Self.plan(), submitted: [:]) else {
      Issue.record("accepted a missing required input")
      return
    }
    #expect(refusal.form.fields.first { $0.name == "epochs" }?.error?.hasPrefix("required") == true)
  }

  @Test func filesMustBeURIs() {
    guard
      case .failure(let refusal) = LaunchForm.validate(
        plan: Self.plan(), submitted: ["epochs": "1", "data": "/etc/passwd"])
    else {
      Issue.record("accepted a server path")
      return
    }
    #expect(refusal.form.fields.first { $0.name == "data" }?.error?.contains("URI") == true)
  }

  @Test func validValuesBecomeLiteralsAndEmptyOnesFallBackToDefaults() throws {
    let result = LaunchForm.validate(
      plan: Self.plan(), submitted: ["epochs": "1_000", "fast": "true", "name": "", "layers": "[8]"])
    let inputs = try result.get()
    #expect(inputs.literals["epochs"] == .int(1000))
    #expect(inputs.literals["fast"]?.scalar.primitive.boolean == true)
    #expect(inputs.literals["layers"]?.collection.literals == [.int(8)])
    #expect(inputs.literals["name"] == nil)  // the admin side fills in the default
    #expect(inputs.literals["seed"] == nil)
  }
}
