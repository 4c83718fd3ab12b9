import Foundation

/// The AWS shared files (`~/.aws/credentials`, `~/.aws/config`): INI sections of `key = value`
/// lines. In the config file a profile's section is `[profile NAME]` (`[default]` for the
/// default); in the credentials file it is `[NAME]`.
struct SharedConfigFile: Sendable {
  /// Keys (lower-cased) and values of each section, by section name as written.
  private(set) var sections: [String: [String: String]] = [:]

  /// Parses the text; lines that are neither a section, a `key = value` pair nor a comment are
  /// skipped, as the AWS tools skip them.
  init(text: String) {
    var current: String?
    for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
      if line.hasPrefix("["), line.hasSuffix("]") {
        let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
        current = name
        sections[name, default: [:]] = sections[name] ?? [:]
        continue
      }
      guard let section = current, let equals = line.firstIndex(of: "=") else { continue }
      let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
      let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
      sections[section, default: [:]][key] = value
    }
  }

  /// The section of `profile` in a credentials file.
  func credentialsProfile(_ profile: String) -> [String: String]? { sections[profile] }

  /// The section of `profile` in a config file.
  func configProfile(_ profile: String) -> [String: String]? {
    profile == "default" ? sections["default"] ?? sections["profile default"] : sections["profile \(profile)"]
  }
}
