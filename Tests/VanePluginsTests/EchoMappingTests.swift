import FlyteIDL
import Testing

@testable import VanePlugins

@Suite struct EchoMappingTests {
  private func simple(_ type: Flyteidl_Core_SimpleType) -> Flyteidl_Core_Variable {
    var variable = Flyteidl_Core_Variable()
    variable.type.simple = type
    return variable
  }

  private func template(
    inputs: [String: Flyteidl_Core_SimpleType], outputs: [String: Flyteidl_Core_SimpleType]
  ) -> Flyteidl_Core_TaskTemplate {
    var task = Flyteidl_Core_TaskTemplate()
    task.type = "echo"
    task.interface.inputs.variables = inputs.mapValues(simple)
    task.interface.outputs.variables = outputs.mapValues(simple)
    return task
  }

  private func literal(_ text: String) -> Flyteidl_Core_Literal {
    var literal = Flyteidl_Core_Literal()
    literal.scalar.primitive.stringValue = text
    return literal
  }

  @Test func flytekitEchoPairsItsOneInputWithO0() throws {
    let mapping = try EchoMapping.of(template(inputs: ["a": .string], outputs: ["o0": .string]))
    var inputs = Flyteidl_Core_LiteralMap()
    inputs.literals["a"] = literal("hi")
    #expect(mapping.outputs(for: inputs).literals == ["o0": literal("hi")])
  }

  @Test func severalInputsArePairedByType() throws {
    let mapping = try EchoMapping.of(
      template(
        inputs: ["name": .string, "count": .integer, "flag": .boolean],
        outputs: ["o0": .integer, "o1": .string, "o2": .boolean]))
    #expect(mapping.pairs == ["o0": "count", "o1": "name", "o2": "flag"])
  }

  @Test func matchingNamesArePairedByName() throws {
    let mapping = try EchoMapping.of(template(inputs: ["x": .integer, "y": .integer], outputs: ["y": .integer]))
    #expect(mapping.pairs == ["y": "y"])
  }

  @Test func noInterfaceCopiesEverything() throws {
    #expect(try EchoMapping.of(Flyteidl_Core_TaskTemplate()).pairs == nil)
  }

  @Test func refusesWhatCannotBePaired() {
    let counts = #expect(throws: EchoMapping.Problem.self) {
      try EchoMapping.of(self.template(inputs: ["a": .string], outputs: ["o0": .string, "o1": .string]))
    }
    #expect(counts?.message.contains("1 input(s) and 2 output(s)") == true)
    let type = #expect(throws: EchoMapping.Problem.self) {
      try EchoMapping.of(self.template(inputs: ["a": .string], outputs: ["o0": .integer]))
    }
    #expect(type?.message.contains("no input of the echo task fits its output 'o0'") == true)
    let ambiguous = #expect(throws: EchoMapping.Problem.self) {
      try EchoMapping.of(self.template(inputs: ["a": .string, "b": .string], outputs: ["o0": .string, "o1": .string]))
    }
    #expect(ambiguous?.message.contains("'a', 'b'") == true)
  }

  @Test func numberedOutputsSortByNumber() {
    #expect(["o10", "o2", "x", "o0"].sorted(by: EchoMapping.flytekitOrder) == ["o0", "o2", "o10", "x"])
  }
}
