import Foundation

/// The shell command a Ray job runs for an attempt (Ray runs it with `/bin/sh -c` on the node it
/// picks):
///
/// ```
/// mkdir -p '<work dir>/tmp' && cd '<work dir>' && exec env -- 'NAME=value' … '<command>' '<arg>' …
/// ```
///
/// Every word is single-quoted, so values reach the task byte for byte — unlike a runtime env's
/// `env_vars`, which Ray passes through `os.path.expandvars` (`$HOME` in a value would change).
/// The variables add to the node's own environment (Ray's `RAY_ADDRESS`, so the task's
/// `ray.init()` joins the cluster, and the node's `PATH`, `HOME`, …), as a pod's env adds to
/// its image's. With an image environment, its `bin/` goes first on the node's `PATH`.
struct RayEntrypoint: Hashable, Sendable {
  /// The attempt's working directory on the node: the task runs there, `TMPDIR` is its `tmp/`,
  /// and flytekit unpacks fast-registered code into it.
  var workDirectory: String
  var command: [String]
  var environment: [String: String]
  /// The image environment's `bin/`, put first on the node's `PATH`.
  var pathPrefix: String?

  /// The shell command line; throws when a value cannot pass through a shell (a NUL byte).
  func shellText() throws(RayPluginError) -> String {
    var words = ["mkdir", "-p", Self.quoted(workDirectory + "/tmp"), "&&", "cd", Self.quoted(workDirectory), "&&"]
    words += ["exec", "env", "--"]
    for (name, value) in environment.sorted(by: { $0.key < $1.key }) where name != "PATH" {
      guard !name.isEmpty, !name.contains("="), !name.contains("\0"), !value.contains("\0") else {
        throw RayPluginError(
          .invalidTemplate, "environment variable '\(name)' cannot be passed to a Ray job (empty name, '=' or NUL)")
      }
      words.append(Self.quoted("\(name)=\(value)"))
    }
    switch (environment["PATH"], pathPrefix) {
    case (let path?, let prefix?): words.append(Self.quoted("PATH=\(prefix):\(path)"))
    case (let path?, nil): words.append(Self.quoted("PATH=\(path)"))
    case (nil, let prefix?): words.append(Self.quoted("PATH=\(prefix):") + "\"$PATH\"")
    case (nil, nil): break
    }
    for word in command {
      guard !word.contains("\0") else {
        throw RayPluginError(.invalidTemplate, "the task's command holds a NUL byte and cannot run as a Ray job")
      }
      words.append(Self.quoted(word))
    }
    return words.joined(separator: " ")
  }

  /// `text` in single quotes, each `'` written as `'\''`.
  static func quoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
  }

  /// The name of an attempt's directory: its unique id with characters outside
  /// `[A-Za-z0-9._-]` replaced, so the id can never name another directory.
  static func directoryName(for uniqueID: String) -> String {
    var name = String(uniqueID.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
    if name.isEmpty || name.allSatisfy({ $0 == "." }) { name = "_" + name }
    return name
  }
}
