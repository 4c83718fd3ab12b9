import Foundation

/// A flytekit console script (`pyflyte-execute`, …) and the interpreter its `#!` line names —
/// how the engine learns which Python a task's command would run, without running it.
struct PythonEntrypoint: Equatable, Sendable {
  /// The script's path.
  var path: String
  /// The interpreter and its options, as the kernel would run them for the script.
  var interpreter: [String]

  /// `program` as the task's PATH finds it (a name with a `/` is taken as it is).
  static func find(_ program: String, path: String?) -> String? {
    if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
    for directory in (path ?? "").split(separator: ":") where !directory.isEmpty {
      let candidate = directory + "/" + program
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Reads the script at `path`; nil unless it is a console script calling `function` of
  /// `flytekit.bin.entrypoint` under an absolute interpreter.
  init?(path: String, function: String) {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: 4096) else { return nil }
    let text = String(decoding: data, as: UTF8.self)
    guard text.contains("from flytekit.bin.entrypoint import \(function)\n"),
      let interpreter = Self.interpreter(of: text)
    else { return nil }
    self.path = path
    self.interpreter = interpreter
  }

  /// The interpreter of a script: `#!/path/python [option]`, or the `/bin/sh` trampoline pip
  /// writes when the interpreter's path is too long for a `#!` line.
  static func interpreter(of text: String) -> [String]? {
    let lines = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
    guard let first = lines.first, first.hasPrefix("#!") else { return nil }
    let line = first.dropFirst(2).trimmingCharacters(in: .whitespaces)
    if line == "/bin/sh", lines.count > 1, lines[1].hasPrefix("'''exec' \"") {
      let rest = lines[1].dropFirst("'''exec' \"".count)
      guard let quote = rest.firstIndex(of: "\""), rest[..<quote].hasPrefix("/") else { return nil }
      return [String(rest[..<quote])]
    }
    // The kernel passes everything after the interpreter's path as one argument.
    let parts = line.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
    guard let program = parts.first, program.hasPrefix("/") else { return nil }
    let interpreter = parts.count > 1 && !parts[1].isEmpty ? [program, parts[1]] : [program]
    // `/usr/bin/env python3` is Python too; `/bin/sh` without pip's trampoline is not.
    let python = interpreter.last { !$0.hasPrefix("-") }.map(WarmCommand.baseName) ?? ""
    return python.hasPrefix("python") || python.hasPrefix("pypy") ? interpreter : nil
  }
}
