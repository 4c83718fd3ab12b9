public import Foundation
import Yams

/// Reads a `Config`: defaults, then a YAML file, then `VANE_…` environment variables.
///
/// The file is walked node by node so every problem names its key and line: a key the
/// configuration does not have, a section given a scalar (or the reverse), a value of the
/// wrong type or out of range. An empty value (`key:`) keeps the default.
public enum ConfigReader {
  /// The configuration from `path` (nil: defaults only) and `environment`.
  public static func load(
    path: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  )
    throws(ConfigError) -> Config
  {
    var config = Config()
    if let path {
      let text: String
      do {
        text = try String(contentsOfFile: path, encoding: .utf8)
      } catch {
        throw ConfigError(.unreadable, key: "", location: path, "cannot read the configuration file: \(error)")
      }
      config = try decode(text, file: path)
    }
    try applyEnvironment(environment, to: &config)
    return config
  }

  /// Decodes YAML text over the defaults; `file` names the source in errors.
  public static func decode(_ text: String, file: String = "config") throws(ConfigError) -> Config {
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw ConfigError(.unreadable, key: "", location: file, "not valid YAML: \(error)")
    } catch {
      throw ConfigError(.unreadable, key: "", location: file, "not valid YAML: \(error)")
    }
    var config = Config()
    guard let root, root.null == nil else { return config }
    var leaves: [String: (text: String, location: String)] = [:]
    try walk(root, prefix: "", file: file, leaves: &leaves, images: &config.images)
    // Apply in the table's order, so `url` comes before the keys that override it.
    for field in ConfigFields.all {
      guard let (value, location) = leaves[field.key] else { continue }
      do {
        try field.apply(&config, value)
      } catch {
        throw ConfigError(error.code, key: field.key, location: location, error.message)
      }
    }
    return config
  }

  private static func walk(
    _ node: Node, prefix: String, file: String, leaves: inout [String: (text: String, location: String)],
    images: inout [String: String]
  ) throws(ConfigError) {
    let here = location(file, node)
    guard let mapping = node.mapping else {
      let what = prefix.isEmpty ? "the configuration" : "'\(prefix)'"
      throw ConfigError(.wrongType, key: prefix, location: here, "\(what) must be a mapping of keys to values")
    }
    for (keyNode, value) in mapping {
      guard let name = keyNode.scalar?.string else {
        throw ConfigError(.wrongType, key: prefix, location: location(file, keyNode), "keys must be plain text")
      }
      let key = prefix.isEmpty ? name : "\(prefix).\(name)"
      let at = location(file, keyNode)
      if value.null != nil && value.scalar != nil { continue }
      if key == ConfigFields.images {
        images = try imageMap(value, file: file)
      } else if ConfigFields.sections.contains(key) {
        try walk(value, prefix: key, file: file, leaves: &leaves, images: &images)
      } else if ConfigFields.field(key) != nil {
        guard let scalar = value.scalar else {
          throw ConfigError(.wrongType, key: key, location: at, "expected a single value, not a list or mapping")
        }
        leaves[key] = (scalar.string, at)
      } else {
        throw ConfigError(.unknownKey, key: key, location: at, "unknown key; known here: \(known(under: prefix))")
      }
    }
  }

  private static func imageMap(_ node: Node, file: String) throws(ConfigError) -> [String: String] {
    guard let mapping = node.mapping else {
      throw ConfigError(
        .wrongType, key: ConfigFields.images, location: location(file, node),
        "expected a mapping of image name (or *) to a Python environment directory")
    }
    var images: [String: String] = [:]
    for (keyNode, value) in mapping {
      guard let image = keyNode.scalar?.string, let directory = value.scalar?.string, !directory.isEmpty else {
        throw ConfigError(
          .wrongType, key: ConfigFields.images, location: location(file, keyNode),
          "each entry is IMAGE: DIRECTORY (a Python environment)")
      }
      images[image] = directory
    }
    return images
  }

  /// Applies every `VANE_…` variable that names a key, and `VANE_IMAGES` (`IMAGE=DIR,…`).
  public static func applyEnvironment(_ environment: [String: String], to config: inout Config) throws(ConfigError) {
    for field in ConfigFields.all {
      guard let value = environment[field.environmentVariable], !value.isEmpty else { continue }
      do {
        try field.apply(&config, value)
      } catch {
        throw ConfigError(error.code, key: field.key, location: field.environmentVariable, error.message)
      }
    }
    if let list = environment["VANE_IMAGES"], !list.isEmpty {
      for entry in list.split(separator: ",") {
        let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
          throw ConfigError(
            .invalidValue, key: ConfigFields.images, location: "VANE_IMAGES",
            "'\(entry)' is not IMAGE=DIR; separate entries with commas")
        }
        config.images[parts[0]] = parts[1]
      }
    }
  }

  private static func location(_ file: String, _ node: Node) -> String {
    node.mark.map { "\(file):\($0.line)" } ?? file
  }

  private static func known(under prefix: String) -> String {
    let depth = prefix.isEmpty ? 0 : prefix.split(separator: ".").count
    let keys = (ConfigFields.all.map(\.key) + Array(ConfigFields.sections)).filter {
      prefix.isEmpty ? true : $0.hasPrefix(prefix + ".")
    }
    let names = Set(
      keys.compactMap { key -> String? in
        let parts = key.split(separator: ".")
        return parts.count > depth ? String(parts[depth]) : nil
      })
    return names.sorted().joined(separator: ", ")
  }
}
