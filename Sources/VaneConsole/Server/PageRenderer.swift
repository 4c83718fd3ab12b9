import Mustache

/// Renders the console's Mustache templates, which are compiled into the binary
/// (`ConsoleAssets`, generated from `Assets/` by `scripts/console/embed-assets.py`).
struct PageRenderer: Sendable {
  let library: MustacheLibrary

  init() throws(ConsoleError) {
    var library = MustacheLibrary()
    for (name, text) in ConsoleAssets.templates {
      do {
        try library.register(text, named: name)
      } catch {
        throw ConsoleError(.internalError, "the console template '\(name)' does not parse: \(error)")
      }
    }
    self.library = library
  }

  /// `template` rendered with `model` (a struct whose stored properties the template reads).
  func render(_ template: String, _ model: Any) throws(ConsoleError) -> String {
    guard let text = library.render(model, withTemplate: template) else {
      throw ConsoleError(.internalError, "no console template named '\(template)'")
    }
    return text
  }
}
