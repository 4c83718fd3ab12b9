import Foundation
import Testing

@testable import VaneConsole

@Suite struct EmbeddedAssetsTests {
  static let assets = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Sources/VaneConsole/Assets").standardized

  @Test func theBinaryCarriesTheAssetsAsTheyAreNow() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.assets.path).sorted()
    #expect(!names.isEmpty)
    for name in names {
      let text = try String(contentsOf: Self.assets.appendingPathComponent(name), encoding: .utf8)
      let embedded =
        name.hasSuffix(".mustache")
        ? ConsoleAssets.templates[String(name.dropLast(".mustache".count))] : ConsoleAssets.files[name]?.text
      #expect(embedded == text, "\(name) changed: run `make console-assets`")
    }
    #expect(ConsoleAssets.templates.count + ConsoleAssets.files.count == names.count)
  }

  @Test func everyTemplateParsesAndEscapesText() throws {
    let renderer = try PageRenderer()
    struct Model {
      var status = 404
      var message = "<b>nope</b>"
      var location: String? = nil
    }
    let page = try renderer.render("error", Model())
    #expect(page.contains("&lt;b&gt;nope&lt;/b&gt;"))
    #expect(page.contains("<html"))  // the layout it extends
  }
}
