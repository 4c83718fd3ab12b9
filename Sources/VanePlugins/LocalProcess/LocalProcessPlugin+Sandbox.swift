import FlyteIDL
import Foundation
public import VaneData
import VaneEngine
import VaneModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LocalProcessPlugin {
  /// `command` as the attempt runs it: unchanged without a sandbox, else under bubblewrap with
  /// the attempt's `SandboxPolicy`.
  func sandboxed(
    _ command: [String], _ context: TaskExecutionContext, _ directory: AttemptDirectory
  ) async throws(LocalProcessError) -> [String] {
    guard let sandbox = configuration.sandbox else { return command }
    var policy = try await sandboxPolicy(sandbox, context, directory)
    policy.readOnly += Self.allowed(Self.distributions(in: command), roots: sandbox.inputRoots)
    return BubblewrapCommand.arguments(
      command, policy: policy, bubblewrap: sandbox.executable, limiter: sandbox.limiter)
  }

  /// The task's memory *limit* in bytes (not its request): what a sandboxed attempt may map.
  func memoryLimit(of context: TaskExecutionContext) -> Int64? {
    guard configuration.sandbox != nil,
      let text = context.task.container.resources.limits.last(where: { $0.name == .memory && !$0.value.isEmpty })?
        .value
    else { return nil }
    return ResourceQuantity.memoryBytes(text)
  }

  /// What this attempt may see: its work directory and its execution's metadata folder
  /// writable, its raw output prefix created and writable, the files its inputs and code archive
  /// name (inside `inputRoots` only) readable, the configured hidden directories gone.
  func sandboxPolicy(
    _ sandbox: SandboxConfiguration, _ context: TaskExecutionContext, _ directory: AttemptDirectory
  ) async throws(LocalProcessError) -> SandboxPolicy {
    var policy = SandboxPolicy(
      workDirectory: Self.existing(directory.path) ?? directory.path, network: sandbox.network, uid: sandbox.uid,
      gid: sandbox.gid,
      memoryLimitBytes: memoryLimit(of: context))
    policy.hidden = sandbox.hiddenPaths.filter(Self.isDirectory).compactMap(Self.existing)
    var readable = sandbox.readOnlyPaths
    if let environment = configuration.imageDirectory(for: context.task.container.image) {
      readable += PythonInstallation.paths(of: environment)
    }
    policy.readOnly = readable.compactMap(Self.existing)
    if let root = sandbox.metadataRoot {
      let folder = root + "/" + ExecutionIdentity.folderName(context.execution.id)
      if Self.isDirectory(folder), let real = Self.existing(folder) { policy.writable.append(real) }
    }
    if let raw = Self.localPath(context.rawOutputPrefix) {
      do {
        try FileManager.default.createDirectory(atPath: raw, withIntermediateDirectories: true)
      } catch {
        throw LocalProcessError(
          .launchFailed, "cannot create the raw output directory \(raw): \(error)", attempt: context.uniqueID)
      }
      policy.writable.append(Self.existing(raw) ?? raw)
    }
    var named: [String] = []
    if let archive = context.execution.codeArchive { named.append(archive.rawValue) }
    if let previous = context.previousCheckpointPrefix { named.append(previous.rawValue) }
    named += try await inputFiles(context)
    policy.readOnly += Self.allowed(named, roots: sandbox.inputRoots)
    return policy
  }

  /// The real paths of the local `uris` that lie inside one of `roots`.
  static func allowed(_ uris: [String], roots: [String]) -> [String] {
    let roots = roots.compactMap(Self.existing)
    return uris.compactMap { uri in
      guard let path = Self.localPath(DataURI(uri)), let real = Self.existing(path),
        roots.contains(where: { real.hasPrefix($0 + "/") })
      else { return nil }
      return real
    }
  }

  /// The code bundle `pyflyte-fast-execute` downloads (`--additional-distribution URI`): a
  /// registered task names it in its command rather than in the execution (fast registration
  /// through `vane serve` puts it under `uploads/`).
  static func distributions(in command: [String]) -> [String] {
    zip(command, command.dropFirst()).compactMap { $0.0 == "--additional-distribution" ? $0.1 : nil }
  }

  /// The URIs the attempt's inputs reference (none when it has no inputs file).
  private func inputFiles(_ context: TaskExecutionContext) async throws(LocalProcessError) -> [String] {
    if let items = context.itemInputs { return LiteralFiles.uris(in: items) }
    do {
      guard try await dataStore.exists(context.paths.inputs) else { return [] }
      let inputs = try await dataStore.readMessage(Flyteidl_Core_LiteralMap.self, from: context.paths.inputs)
      return LiteralFiles.uris(in: inputs)
    } catch {
      throw LocalProcessError(
        .dataAccess, "cannot read \(context.paths.inputs) to set up the sandbox: \(error)", attempt: context.uniqueID)
    }
  }

  /// The absolute path of a `file://` URI, nil for any other scheme.
  public static func localPath(_ uri: DataURI) -> String? {
    guard uri.scheme == "file", uri.afterScheme.hasPrefix("/") else { return nil }
    let path = uri.afterScheme.removingPercentEncoding ?? uri.afterScheme
    return URL(fileURLWithPath: path).standardizedFileURL.path
  }

  /// The path with every link resolved, when it exists: what is mounted is what it names, so a
  /// link in raw data cannot lead a mount out of the allowed roots.
  static func existing(_ path: String) -> String? {
    guard path.hasPrefix("/"), let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}
