import FlyteIDL
import Foundation
import VaneData
import VaneEngine
import VaneModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LocalProcessPlugin {
  /// The verdict for an ended process, with a sandboxed attempt that ran out of its memory limit
  /// reported as `OOMKilled` (a retryable user error, as Flyte reports a pod over its limit)
  /// instead of whatever its runtime made of the failed allocation.
  func concluded(
    _ status: TaskExit, _ context: TaskExecutionContext, _ directory: AttemptDirectory, record: ProcessRecord?
  ) async -> PluginTransition {
    guard let limit = memoryLimit(of: context) else { return finished(status, context, directory, record: record) }
    let exhausted = MemoryExhaustion.classify(
      status, memoryLimited: true, taskError: await taskErrorMessage(context),
      stderrTail: Self.tail(of: directory.stderrLog, bytes: MemoryExhaustion.stderrTailBytes))
    guard exhausted else { return finished(status, context, directory, record: record) }
    runtime.pool.release(context.uniqueID)
    let error = Flyteidl_Core_ExecutionError.make(
      code: MemoryExhaustion.errorCode,
      message:
        "\(context.uniqueID): the task ran out of memory: it needed more than its memory limit of "
        + "\(limit >> 20) MiB (the sandbox's address-space limit); raise the task's memory limit. See stderr.log",
      kind: .user)
    return .retryableFailure(error, state: record?.pluginState, logs: directory.logs)
  }

  /// The message of the `error.pb` the task left, if any (flytekit records a `MemoryError`
  /// there and exits 0).
  private func taskErrorMessage(_ context: TaskExecutionContext) async -> String? {
    guard (try? await dataStore.exists(context.paths.error)) == true,
      let document = try? await dataStore.readMessage(Flyteidl_Core_ErrorDocument.self, from: context.paths.error)
    else { return nil }
    return document.error.code + " " + document.error.message
  }

  /// The last `bytes` of a file (not following a link: the task owns its work directory).
  static func tail(of path: String, bytes: Int) -> String {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    guard descriptor >= 0 else { return "" }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return "" }
    let start = max(0, Int(info.st_size) - bytes)
    var buffer = [UInt8](repeating: 0, count: bytes)
    let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, bytes, off_t(start)) }
    guard count > 0 else { return "" }
    return String(decoding: buffer[0..<count], as: UTF8.self)
  }
}
