public import FlyteIDL
import Foundation

/// The frozen map from task type to plugin, built once with `PluginRegistry.Builder`.
public struct PluginRegistry: Sendable {
  private let byType: [String: any TaskPlugin]
  private let fallback: (any TaskPlugin)?
  private let byID: [String: any TaskPlugin]

  /// The plugin that runs tasks of `taskType`, or the default plugin, or nil.
  public func plugin(for taskType: String) -> (any TaskPlugin)? {
    byType[taskType] ?? fallback
  }

  /// The plugin that runs `task`: the first available of the plugins a `PLUGIN_OVERRIDE`
  /// names for its type (`PluginOverride`), else — when none is and the override says
  /// `USE_DEFAULT`, or there is no override — the plugin of its type. Fails with a message
  /// naming what is missing.
  public func plugin(for task: Flyteidl_Core_TaskTemplate) -> Result<any TaskPlugin, PluginChoiceError> {
    if let ids = task.config[PluginOverride.pluginIDsKey] {
      let wanted = ids.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      if let chosen = wanted.lazy.compactMap({ byID[$0] }).first { return .success(chosen) }
      if task.config[PluginOverride.missingBehaviorKey] != "USE_DEFAULT" {
        return .failure(
          PluginChoiceError(
            message: "a plugin override asks for plugin \(wanted.joined(separator: " or ")) for tasks of type "
              + "'\(task.type)', and none is available here (plugins: \(pluginIDs.joined(separator: ", ")))"))
      }
    }
    guard let plugin = plugin(for: task.type) else {
      return .failure(
        PluginChoiceError(
          message: "no plugin runs tasks of type '\(task.type)' (known types: \(taskTypes.joined(separator: ", ")))"))
    }
    return .success(plugin)
  }

  /// Every plugin's id, sorted.
  public var pluginIDs: [String] { byID.keys.sorted() }

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
      var byID: [String: any TaskPlugin] = [:]
      for plugin in plugins + (fallback.map { [$0] } ?? []) where byID[plugin.id] == nil { byID[plugin.id] = plugin }
      return PluginRegistry(byType: byType, fallback: fallback, byID: byID)
    }
  }
}
