/// A rendered task command that a fork server can run in-process: one of flytekit's task
/// entrypoints, optionally behind its fast-registration launcher.
///
/// `pyflyte-fast-execute [--additional-distribution A] [--dest-dir D] -- pyflyte-execute …`,
/// `pyflyte-execute …` or `pyflyte-map-execute …`. Anything else (a raw container, a wrapper
/// script, an unknown launcher) starts cold.
struct WarmCommand: Equatable, Sendable {
  /// A program of the command and the console-script function it must call.
  struct Program: Equatable, Sendable {
    var name: String
    var function: String
  }

  static let launcher = Program(name: "pyflyte-fast-execute", function: "fast_execute_task_cmd")
  static let entrypoints = [
    Program(name: "pyflyte-execute", function: "execute_task_cmd"),
    Program(name: "pyflyte-map-execute", function: "map_execute_task_cmd"),
  ]

  /// A program as the command names it (a name or a path) and what it must be.
  struct Invocation: Equatable, Sendable {
    var argument: String
    var program: Program
  }

  /// The programs to resolve on PATH: all must be console scripts of one interpreter.
  var programs: [Invocation]
  /// `--additional-distribution`: the code bundle.
  var archive: String?
  /// What the fork server imports first: the resolver's module and the task's module(s).
  var imports: [String]

  init?(_ argv: [String]) {
    guard let first = argv.first else { return nil }
    var execute = argv[...]
    programs = []
    if Self.baseName(first) == Self.launcher.name {
      guard let separator = argv.firstIndex(of: "--") else { return nil }
      archive = Self.optionValue("--additional-distribution", in: argv[1..<separator])
      programs.append(Invocation(argument: first, program: Self.launcher))
      execute = argv[(separator + 1)...]
    }
    guard let program = execute.first,
      let entrypoint = Self.entrypoints.first(where: { $0.name == Self.baseName(program) })
    else { return nil }
    programs.append(Invocation(argument: program, program: entrypoint))
    imports = []
    if let resolver = Self.optionValue("--resolver", in: execute), let dot = resolver.lastIndex(of: ".") {
      imports.append(String(resolver[..<dot]))
    }
    for index in execute.indices.dropLast() where execute[index] == "task-module" {
      imports.append(execute[index + 1])
    }
    imports = imports.filter(Self.isModuleName)
  }

  /// `--name value` or `--name=value` among `arguments`.
  static func optionValue(_ name: String, in arguments: ArraySlice<String>) -> String? {
    var index = arguments.startIndex
    while index < arguments.endIndex {
      let argument = arguments[index]
      if argument == "--" { return nil }
      if argument == name { return index + 1 < arguments.endIndex ? arguments[index + 1] : nil }
      if argument.hasPrefix(name + "=") { return String(argument.dropFirst(name.count + 1)) }
      index += 1
    }
    return nil
  }

  /// A dotted Python module name of sane length; anything else is left to the task to import.
  static func isModuleName(_ text: String) -> Bool {
    guard !text.isEmpty, text.utf8.count <= 256 else { return false }
    return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
      guard let head = part.first, head == "_" || (head.isASCII && head.isLetter) else { return false }
      return part.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }
  }

  static func baseName(_ argument: String) -> String {
    argument.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? argument
  }
}
