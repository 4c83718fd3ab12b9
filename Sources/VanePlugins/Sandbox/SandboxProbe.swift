import Foundation

/// Checks, once at start-up, that the sandbox can work on this machine: it resolves `bwrap` and
/// `prlimit` to absolute paths (the task's PATH is not the engine's) and runs `true` in a
/// sandbox shaped like a task's, so a missing package or a kernel without user namespaces stops
/// the server with a message instead of failing every task.
public enum SandboxProbe {
  /// `configuration` with its executables resolved (on `path`, default the engine's PATH),
  /// after a trial sandbox ran.
  public static func checked(
    _ configuration: SandboxConfiguration, path: String? = nil
  ) throws(SandboxError) -> SandboxConfiguration {
    // Nil: the engine's own PATH.
    let path = path ?? ProcessInfo.processInfo.environment["PATH"]
    var checked = configuration
    checked.executable = try resolve(configuration.executable, path: path, package: "bubblewrap")
    checked.limiter = try resolve(configuration.limiter, path: path, package: "util-linux")
    let policy = SandboxPolicy(
      workDirectory: "/", network: configuration.network, uid: configuration.uid, gid: configuration.gid)
    let arguments = BubblewrapCommand.arguments(
      ["/bin/sh", "-c", "exit 0"], policy: policy, bubblewrap: checked.executable, limiter: checked.limiter)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: arguments[0])
    process.arguments = Array(arguments.dropFirst())
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw SandboxError(.probeFailed, "cannot run a trial sandbox: \(error)", location: checked.executable)
    }
    // bwrap's diagnostics are a line or two; reading to the end also waits for the exit.
    let output = errors.fileHandleForReading.readDataToEndOfFile().prefix(2000)
    process.waitUntilExit()
    guard process.terminationReason == .exit, process.terminationStatus == 0 else {
      let said = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      throw SandboxError(
        .probeFailed,
        "bubblewrap cannot create a sandbox on this machine (\(said.isEmpty ? "status \(process.terminationStatus)" : said)); "
          + "it needs unprivileged user namespaces (kernel.unprivileged_userns_clone=1) or root",
        location: checked.executable)
    }
    return checked
  }

  /// `name` as an absolute path: itself when it contains a slash, else the first executable of
  /// that name on `path`.
  static func resolve(_ name: String, path: String?, package: String) throws(SandboxError) -> String {
    let candidates =
      name.contains("/")
      ? [name] : (path ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(name)" }
    for candidate in candidates
    where candidate.hasPrefix("/") && FileManager.default.isExecutableFile(atPath: candidate) {
      return candidate
    }
    throw SandboxError(
      .executableNotFound,
      "'\(name)' is not installed or not on PATH; install the \(package) package (scripts/sandbox/install.sh) "
        + "or turn the sandbox off",
      location: name)
  }
}
