import FlyteIDL
import SwiftProtobuf
import Testing

@testable import VanePlugins

@Suite struct TemplateRendererTests {
  let renderer = TemplateRenderer(
    values: .init(
      input: "file:///d/n0/data/inputs.pb", inputPrefix: "file:///d/n0/data", outputPrefix: "file:///d/n0/data/0",
      rawOutputDataPrefix: "file:///r/ab/e1-n0-0", checkpointOutputPrefix: "file:///r/ab/e1-n0-0/_flytecheckpoints",
      previousCheckpointPrefix: nil, perRetryUniqueKey: "e1_n0_0", taskTemplatePath: "file:///d/n0/data/task.pb",
      remotePackagePath: "file:///d/code/fast1.tar.gz", inputValues: ["x": "42", "Name": "Ada"]))

  @Test(arguments: [
    ("{{.input}}", "file:///d/n0/data/inputs.pb"),
    ("{{ .Input }}", "file:///d/n0/data/inputs.pb"),
    ("{{$input}}", "file:///d/n0/data/inputs.pb"),
    ("{{.INPUTPREFIX}}", "file:///d/n0/data"),
    ("{{.outputPrefix}}", "file:///d/n0/data/0"),
    ("{{ .rawOutputDataPrefix }}", "file:///r/ab/e1-n0-0"),
    ("{{.checkpointOutputPrefix}}", "file:///r/ab/e1-n0-0/_flytecheckpoints"),
    ("{{.prevCheckpointPrefix}}", "\"\""),
    ("{{.perRetryUniqueKey}}", "e1_n0_0"),
    ("{{.taskTemplatePath}}", "file:///d/n0/data/task.pb"),
    ("{{ .remote_package_path }}", "file:///d/code/fast1.tar.gz"),
    ("{{.Inputs.x}}", "42"),
    ("{{ $inputs.Name }}", "Ada"),
    ("--out={{.outputPrefix}}/x", "--out=file:///d/n0/data/0/x"),
    ("{{.input}}{{.input}}", "file:///d/n0/data/inputs.pbfile:///d/n0/data/inputs.pb"),
    ("{{.unknown}}", "{{.unknown}}"),
    ("{{input}}", "{{input}}"),
    ("{{ {{.inputPrefix}}", "{{ file:///d/n0/data"),
    ("no variables", "no variables"),
    ("{{.input", "{{.input"),
  ])
  func substitutes(template: String, expected: String) throws {
    #expect(try renderer.render(template) == expected)
  }

  @Test func previousCheckpointWhenThereIsOne() throws {
    var values = renderer.values
    values.previousCheckpointPrefix = "file:///r/cd/e1-n0-0/_flytecheckpoints"
    #expect(try TemplateRenderer(values: values).render("{{.prevCheckpointPrefix}}") == values.previousCheckpointPrefix)
  }

  @Test func missingInputOrArchiveIsAnError() {
    #expect(throws: LocalProcessError.self) { try renderer.render("{{.Inputs.nope}}") }
    var values = renderer.values
    values.remotePackagePath = nil
    let error = #expect(throws: LocalProcessError.self) {
      try TemplateRenderer(values: values).render("{{ .remote_package_path }}")
    }
    #expect(error?.code == .invalidTemplate)
    #expect(error?.message.contains("code archive") == true)
  }

  @Test func findsVariables() {
    let found = TemplateRenderer.variables(in: ["a {{.input}}", "{{.Inputs.k}} {{.taskTemplatePath}}", "{{.nope}}"])
    #expect(found == [.input, .inputValue("k"), .taskTemplatePath])
  }

  @Test(arguments: [
    ("e1-n0-0", "e1_n0_0"), ("0abc", "aabc"), ("--x.y", "ax_y"), ("f4abcdxyz", "f4abcdxyz"), ("a..b", "a_b"),
  ])
  func perRetryKey(uniqueID: String, expected: String) {
    #expect(TemplateRenderer.perRetryUniqueKey(for: uniqueID) == expected)
  }

  @Test func rewritesTheFastExecuteDestination() {
    let argv = [
      "pyflyte-fast-execute", "--additional-distribution", "file:///c/fast.tar.gz", "--dest-dir", "/root", "--",
      "pyflyte-execute", "--inputs", "x", "--dest-dir", "keep",
    ]
    #expect(
      FastExecuteArguments.rewritingDestination(argv, to: "/w/a") == [
        "pyflyte-fast-execute", "--additional-distribution", "file:///c/fast.tar.gz", "--dest-dir", "/w/a", "--",
        "pyflyte-execute", "--inputs", "x", "--dest-dir", "keep",
      ])
    #expect(
      FastExecuteArguments.rewritingDestination(["pyflyte-fast-execute", "--dest-dir=/root", "--", "x"], to: "/w")
        == ["pyflyte-fast-execute", "--dest-dir=/w", "--", "x"])
    #expect(
      FastExecuteArguments.rewritingDestination(["/v/bin/pyflyte-fast-execute", "--", "x"], to: "/w")
        == ["/v/bin/pyflyte-fast-execute", "--dest-dir", "/w", "--", "x"])
    #expect(
      FastExecuteArguments.rewritingDestination(["pyflyte-execute", "--dest-dir", "/root"], to: "/w")
        == ["pyflyte-execute", "--dest-dir", "/root"])
  }
}

@Suite struct LiteralArgumentTextTests {
  @Test(arguments: [
    (1.0, "1"), (2.5, "2.5"), (0.1, "0.1"), (100000.0, "100000"), (1_000_000.0, "1e+06"),
    (123456789.0, "1.23456789e+08"), (0.0001, "0.0001"), (0.00001, "1e-05"), (-3.25, "-3.25"),
    (1e21, "1e+21"), (1.5e-7, "1.5e-07"), (0.0, "0"),
  ])
  func floatsPrintAsGo(value: Double, expected: String) {
    #expect(LiteralArgumentText.goFloat(value) == expected)
  }

  @Test func scalarsAndCollections() {
    func literal(_ build: (inout Flyteidl_Core_Primitive) -> Void) -> Flyteidl_Core_Literal {
      var primitive = Flyteidl_Core_Primitive()
      build(&primitive)
      var literal = Flyteidl_Core_Literal()
      literal.scalar.primitive = primitive
      return literal
    }
    #expect(LiteralArgumentText.text(literal { $0.integer = -7 }) == "-7")
    #expect(LiteralArgumentText.text(literal { $0.boolean = true }) == "true")
    #expect(LiteralArgumentText.text(literal { $0.stringValue = "a b" }) == "a b")
    #expect(LiteralArgumentText.text(literal { $0.datetime.seconds = 86_400 }) == "1970-01-02T00:00:00Z")
    var blob = Flyteidl_Core_Literal()
    blob.scalar.blob.uri = "s3://b/k"
    #expect(LiteralArgumentText.text(blob) == "s3://b/k")
    var list = Flyteidl_Core_Literal()
    list.collection.literals = [literal { $0.integer = 1 }, literal { $0.integer = 2 }]
    #expect(LiteralArgumentText.text(list) == "[1,2]")
    var map = Flyteidl_Core_Literal()
    map.map.literals["a"] = literal { $0.integer = 1 }
    #expect(LiteralArgumentText.text(map) == nil)
  }
}
