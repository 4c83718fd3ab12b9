import Foundation
import Synchronization

/// Lays graphs out with Graphviz's `dot` program (`dot -Tjson0`), one process per layout.
///
/// Why a process and not libgraphviz in this one: a layout that crashes or runs away cannot
/// take the server down and is killed at `timeout`; Graphviz's C library keeps global state
/// and is not safe to call from several threads, so in-process layouts would queue behind one
/// lock; and a page needs a new layout only when the graph's shape changes (``LayoutCache``),
/// so the ~5–20 ms a process costs is paid once per shape, not per update.
public struct DotLayout: GraphLayout {
  /// The `dot` executable: a path, or a name looked up on `PATH`.
  public var executable: String
  /// Longest a layout may take before the process is killed.
  public var timeout: Duration
  /// Largest answer read from Graphviz.
  public var maximumOutputBytes: Int

  public init(executable: String = "dot", timeout: Duration = .seconds(20), maximumOutputBytes: Int = 64 << 20) {
    self.executable = executable
    self.timeout = timeout
    self.maximumOutputBytes = maximumOutputBytes
  }

  /// The executable's path, or nil when it cannot be found.
  public func resolvedPath() -> String? {
    if executable.contains("/") { return FileManager.default.isExecutableFile(atPath: executable) ? executable : nil }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/\(executable)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  public func layout(_ source: DotSource) async throws(ConsoleError) -> PositionedGraph {
    guard let path = resolvedPath() else {
      throw ConsoleError(
        .layoutFailed, "Graphviz's dot program is not installed (apt-get install graphviz, or set console.dot)",
        at: executable)
    }
    let output = try await run(path, input: Data(source.text.utf8))
    return try DotJSON.parse(output, source: source)
  }

  /// Runs `dot -Tjson0` on `input` off the cooperative pool and returns what it printed.
  func run(_ path: String, input: Data) async throws(ConsoleError) -> Data {
    let timeout = self.timeout
    let limit = maximumOutputBytes
    let result: Result<Data, ConsoleError> = await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(returning: Self.runBlocking(path, input: input, timeout: timeout, limit: limit))
      }
    }
    return try result.get()
  }

  static func runBlocking(_ path: String, input: Data, timeout: Duration, limit: Int) -> Result<Data, ConsoleError> {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = ["-Tjson0"]
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    do {
      try process.run()
    } catch {
      return .failure(ConsoleError(.layoutFailed, "cannot start Graphviz: \(error)", at: path))
    }
    let timedOut = Atomic<Bool>(false)
    let deadline = DispatchWorkItem {
      timedOut.store(true, ordering: .relaxed)
      process.terminate()
    }
    let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
    DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: deadline)
    // Feed stdin from another thread so a large answer cannot fill stdout while we write.
    DispatchQueue.global().async {
      stdin.fileHandleForWriting.write(input)
      try? stdin.fileHandleForWriting.close()
    }
    var output = Data()
    var truncated = false
    while true {
      let chunk = stdout.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      if output.count + chunk.count > limit {
        truncated = true
        process.terminate()
        break
      }
      output.append(chunk)
    }
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    deadline.cancel()
    if timedOut.load(ordering: .relaxed) {
      return .failure(
        ConsoleError(.layoutFailed, "Graphviz took longer than \(timeout) to lay the graph out", at: path))
    }
    if truncated {
      return .failure(ConsoleError(.layoutFailed, "Graphviz's answer is larger than \(limit) bytes", at: path))
    }
    guard process.terminationStatus == 0 else {
      let message = String(decoding: errors.prefix(2000), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      return .failure(
        ConsoleError(.layoutFailed, "Graphviz failed (exit \(process.terminationStatus)): \(message)", at: path))
    }
    return .success(output)
  }
}
