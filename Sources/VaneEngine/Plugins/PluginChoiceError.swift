/// Why no plugin can run a task: its type has none, or a plugin override names none that is here.
public struct PluginChoiceError: Error, Sendable {
  public let message: String

  public init(message: String) {
    self.message = message
  }
}
