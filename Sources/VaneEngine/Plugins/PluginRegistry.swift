/// The frozen map from task type to plugin, built once with `PluginRegistry.Builder`.
public struct PluginRegistry: Sendable {
  private let byType: [String: any TaskPlugin]
  private let fallback: (any TaskPlugin)?

  /// The plugin that runs tasks of `taskType`, or the default plugin, or nil.
  public func plugin(for taskType: String) -> (any TaskPlugin)? {
    byType[taskType] ?? fallback
  }

  /// Every task type with a plugin of its own, sorted.
  public var taskTypes: [String] { byType.keys.sorted() }

  /// Collects plugins; `build()` rejects two plugins claiming the same task type.
  public struct Builder {
    private var plugins: [any TaskPlugin] = []
    private var fallback: (any TaskPlugin)?

    public init() {}

    /// Adds a plugin for the task types it declares.
    public mutating func register(_ plugin: any TaskPlugin) {
      plugins.append(plugin)
    }

    /// Uses `plugin` for task types no other plugin claims.
    public mutating func setDefault(_ plugin: any TaskPlugin) {
      fallback = plugin
    }

    public func build() throws(EngineError) -> PluginRegistry {
      var byType: [String: any TaskPlugin] = [:]
      for plugin in plugins {
        for type in plugin.taskTypes {
          if let existing = byType[type] {
            throw EngineError(
              .configuration,
              "task type '\(type)' is claimed by both plugin \(existing.id) and plugin \(plugin.id)")
          }
          byType[type] = plugin
        }
      }
      return PluginRegistry(byType: byType, fallback: fallback)
    }
  }
}
