public import Foundation

/// State a plugin keeps for one attempt between rounds, stored in the node status. The engine
/// never looks inside; `version` lets a plugin change its format and still read old states.
public struct PluginState: Hashable, Sendable {
  /// The plugin's encoded state; empty before the first `handle`.
  public var data: Data
  /// The plugin's format version for `data`.
  public var version: UInt32

  public init(data: Data = Data(), version: UInt32 = 0) {
    self.data = data
    self.version = version
  }

  /// True before the plugin stored anything for this attempt.
  public var isEmpty: Bool { data.isEmpty }
}
