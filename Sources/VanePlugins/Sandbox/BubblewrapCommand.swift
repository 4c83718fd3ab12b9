/// Turns a `SandboxPolicy` into the command line that runs a task command inside it:
///
/// ```
/// [prlimit --as=N --] bwrap --die-with-parent --unshare-all [--share-net] [--uid U --gid G]
///   --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp
///   --tmpfs <hidden>…                        (data directory, home directory, …)
///   --ro-bind <readable> <readable>… / --bind <writable> <writable>…   (parents first)
///   --chdir <work dir> -- <command…>
/// ```
///
/// Why this shape:
/// - The wrapper shell (`ProcessSpawner`) stays *outside*: it writes `pid` and `exit` into the
///   work directory and is what the engine records, re-attaches to and signals. bubblewrap runs
///   in its process group (no `--new-session`), so `abort`'s signal to the group reaches bwrap
///   and the task alike; `--unshare-pid` makes the task's processes die with the namespace.
/// - `--die-with-parent` ties bwrap to the wrapper shell, not to the engine: tasks still outlive
///   an engine restart, and a killed wrapper takes the sandbox with it.
/// - Mounts apply in order, so hidden directories come after the system and the allowed paths
///   after them; among those, a parent is mounted before its children so it cannot cover them.
/// - The memory limit is set by `prlimit` around bwrap (inherited by the task), not on the
///   wrapper shell, which must always be able to record the exit status.
enum BubblewrapCommand {
  /// The command line running `command` under `policy` with the given executables.
  static func arguments(
    _ command: [String], policy: SandboxPolicy, bubblewrap: String, limiter: String
  ) -> [String] {
    var arguments: [String] = []
    if let bytes = policy.memoryLimitBytes {
      arguments += [limiter, "--as=\(max(bytes, 1))", "--"]
    }
    arguments += [bubblewrap, "--die-with-parent", "--unshare-all"]
    if policy.network { arguments.append("--share-net") }
    if let uid = policy.uid { arguments += ["--uid", String(uid)] }
    if let gid = policy.gid { arguments += ["--gid", String(gid)] }
    arguments += ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
    for path in unique(policy.hidden).sorted(by: { depth($0) < depth($1) }) where path != "/" {
      arguments += ["--tmpfs", path]
    }
    let writable = Set((policy.writable + [policy.workDirectory]).map(normalized))
    let mounts = unique(policy.readOnly + policy.writable + [policy.workDirectory])
      .filter { $0 != "/" }
      .sorted { depth($0) != depth($1) ? depth($0) < depth($1) : $0 < $1 }
    for path in mounts {
      arguments += [writable.contains(path) ? "--bind" : "--ro-bind", path, path]
    }
    arguments += ["--chdir", policy.workDirectory, "--"]
    return arguments + command
  }

  /// The paths without trailing slashes, each once; a path both readable and writable is
  /// writable (the caller's `writable` set decides).
  private static func unique(_ paths: [String]) -> [String] {
    var seen: Set<String> = []
    return paths.map(normalized).filter { !$0.isEmpty && seen.insert($0).inserted }
  }

  private static func normalized(_ path: String) -> String {
    var path = path
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    return path
  }

  private static func depth(_ path: String) -> Int {
    path.split(separator: "/").count
  }
}
