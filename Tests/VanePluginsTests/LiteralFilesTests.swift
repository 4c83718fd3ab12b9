import FlyteIDL
import Testing

@testable import VanePlugins

@Suite struct LiteralFilesTests {
  func blob(_ uri: String) -> Flyteidl_Core_Literal {
    var literal = Flyteidl_Core_Literal()
    literal.scalar.blob.uri = uri
    return literal
  }

  @Test func findsFilesAnywhereInTheInputs() {
    var dataset = Flyteidl_Core_Literal()
    dataset.scalar.structuredDataset.uri = "file:///d/raw/sd"
    var union = Flyteidl_Core_Literal()
    union.scalar.union.value = blob("file:///d/raw/in-union")
    var list = Flyteidl_Core_Literal()
    list.collection.literals = [blob("file:///d/raw/a"), blob("file:///d/raw/b"), blob("file:///d/raw/a")]
    var nested = Flyteidl_Core_Literal()
    nested.map.literals = ["k": blob("s3://bucket/k")]
    var offloaded = Flyteidl_Core_Literal()
    offloaded.offloadedMetadata.uri = "file:///d/metadata/x/o.pb"
    var number = Flyteidl_Core_Literal()
    number.scalar.primitive.integer = 3
    var map = Flyteidl_Core_LiteralMap()
    map.literals = ["a": list, "b": dataset, "c": union, "d": nested, "e": offloaded, "f": number]
    #expect(
      LiteralFiles.uris(in: map) == [
        "file:///d/raw/a", "file:///d/raw/b", "file:///d/raw/sd", "file:///d/raw/in-union", "s3://bucket/k",
        "file:///d/metadata/x/o.pb",
      ])
  }

  @Test func deepNestingIsCutOff() {
    var literal = blob("file:///deep")
    for _ in 0..<(LiteralFiles.deepest + 5) {
      var outer = Flyteidl_Core_Literal()
      outer.collection.literals = [literal]
      literal = outer
    }
    var map = Flyteidl_Core_LiteralMap()
    map.literals = ["x": literal]
    #expect(LiteralFiles.uris(in: map).isEmpty)
  }
}

@Suite struct PythonInstallationTests {
  @Test func aVenvNamesItsBaseInstallation() {
    let text = """
      home = /root/.pyenv/versions/3.11.7/bin
      include-system-site-packages = false
      version = 3.11.7
      """
    #expect(PythonInstallation.base(configurationText: text) == "/root/.pyenv/versions/3.11.7")
    #expect(PythonInstallation.base(configurationText: "home=/usr/bin/\n") == "/usr")
    #expect(PythonInstallation.base(configurationText: "home = relative/bin\n") == nil)
    #expect(PythonInstallation.base(configurationText: "version = 3.12\n") == nil)
  }
}
