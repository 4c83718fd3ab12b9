import Foundation

/// Runs one shape in a child process of this executable, with a time limit, and reads back
/// its figures (a line starting with `RESULT `).
struct ChildRun {
  let options: BenchOptions

  func run(_ shape: String) -> ShapeResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    process.arguments = options.childArguments(shape)
    process.environment = ProcessInfo.processInfo.environment.merging(options.childEnvironment) { $1 }
    let output = Pipe()
    process.standardOutput = output
    let collected = OutputCollector(handle: output.fileHandleForReading)
    do {
      try process.run()
    } catch {
      return ShapeResult(shape: shape, summary: "", outcome: "crashed", detail: "cannot start: \(error)")
    }
    let limit = options.timeout(for: shape)
    let deadline = Date().addingTimeInterval(limit)
    while process.isRunning && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.05)
    }
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
      let progress = collected.finish().split(separator: "\n").last { $0.hasPrefix("PROGRESS ") }
      var result = ShapeResult(
        shape: shape, summary: "", outcome: "timeout", detail: "did not finish within \(Int(limit)) s")
      if let progress {
        result.detail += "; last progress: " + progress.dropFirst("PROGRESS ".count)
        if let data = progress.dropFirst("PROGRESS ".count).data(using: .utf8),
          let fields = try? JSONSerialization.jsonObject(with: data) as? [String: Double]
        {
          result.peakRSSBytes = Int(fields["rssBytes"] ?? 0)
          result.wallSeconds = fields["seconds"] ?? 0
          result.nodeEvents = Int(fields["nodeEvents"] ?? 0)
        }
      }
      return result
    }
    process.waitUntilExit()
    let text = collected.finish()
    for line in text.split(separator: "\n") where line.hasPrefix("RESULT ") {
      if let result = try? JSONDecoder().decode(ShapeResult.self, from: Data(line.dropFirst("RESULT ".count).utf8)) {
        return result
      }
    }
    return ShapeResult(
      shape: shape, summary: "", outcome: "crashed",
      detail: "child exited with status \(process.terminationStatus) and no result")
  }
}

/// Drains a pipe on a background thread so a chatty child never blocks on a full pipe.
final class OutputCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  init(handle: FileHandle) {
    let thread = Thread { [self] in
      let all = handle.readDataToEndOfFile()
      lock.lock()
      data = all
      lock.unlock()
      done.signal()
    }
    thread.start()
  }

  func finish() -> String {
    done.wait()
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: data, as: UTF8.self)
  }
}
