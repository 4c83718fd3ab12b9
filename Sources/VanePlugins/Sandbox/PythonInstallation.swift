import Foundation

/// Where a Python environment's interpreter really lives. A venv's `bin/python` is a link to
/// the base installation named by `home` in its `pyvenv.cfg` — often under a home directory
/// (pyenv's `~/.pyenv/versions/3.11.7`), which the sandbox hides — so that installation is made
/// readable along with the venv.
enum PythonInstallation {
  /// The directories to make readable for the environment at `environment`: itself and, for a
  /// venv, its base installation (the parent of `home`'s `bin`).
  static func paths(of environment: String) -> [String] {
    let configuration = environment + "/pyvenv.cfg"
    guard let data = FileManager.default.contents(atPath: configuration), data.count <= 64 << 10,
      let base = base(configurationText: String(decoding: data, as: UTF8.self))
    else { return [environment] }
    return [environment, base]
  }

  /// The installation prefix named by a `pyvenv.cfg`: `home = /x/versions/3.11.7/bin` gives
  /// `/x/versions/3.11.7`; nil without an absolute `home`.
  static func base(configurationText text: String) -> String? {
    for line in text.split(whereSeparator: \.isNewline) {
      let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      guard parts.count == 2, parts[0] == "home", parts[1].hasPrefix("/") else { continue }
      var home = parts[1]
      while home.count > 1 && home.hasSuffix("/") { home.removeLast() }
      if home.hasSuffix("/bin") { home.removeLast(4) }
      return home.isEmpty ? "/" : home
    }
    return nil
  }
}
