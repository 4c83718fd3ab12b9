import Foundation
import VaneData
import VaneS3

/// `file-2g-s3`: a 2 GB file (× scale) through the S3 store the way a FlyteFile moves through
/// Vane when it does not presign: `upload(file:to:)` (multipart, one part in memory) and
/// `download(_:toFile:)` (ranged GETs streamed to disk). The figure is the process's peak RSS.
struct FileTransferBench {
  var directory: String
  var bytes: Int

  func run() async throws -> ShapeResult {
    var result = ShapeResult(
      shape: "file-\(bytes >> 20)m-s3", summary: "a \(bytes >> 20) MiB file uploaded to and downloaded from S3 (moto)",
      outcome: "ok")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let source = directory + "/source.bin"
    let target = directory + "/target.bin"
    defer {
      unlink(source)
      unlink(target)
    }
    try Self.writeFile(at: source, bytes: bytes)
    let rssBefore = ProcessStats.currentRSS()
    guard let url = ProcessInfo.processInfo.environment["VANE_BENCH_S3_URL"], !url.isEmpty else {
      throw BenchOptions.UsageError(description: "file-2g-s3 needs VANE_BENCH_S3_URL (Benchmarks/run.sh starts moto)")
    }
    let client = try S3Client(
      settings: S3Settings(
        endpoint: url, credentials: S3Credentials(accessKeyID: "vane-bench", secretAccessKey: "vane-bench")))
    let bucket = "vane-bench-file-\(ProcessInfo.processInfo.processIdentifier)"
    try await client.createBucket(bucket)
    let store = S3DataStore(client: client)
    let uri = DataURI("s3://\(bucket)/raw/ab/big.bin")
    let clock = ContinuousClock()
    let start = clock.now
    try await store.upload(file: source, to: uri)
    let uploaded = clock.now
    let peakAfterUpload = ProcessStats.peakRSS()
    try await store.download(uri, toFile: target)
    let end = clock.now
    let size = (try FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? -1
    if size != bytes { result.outcome = "failed" }
    try? await store.delete(uri)
    result.wallSeconds = (end - start).seconds
    result.peakRSSBytes = ProcessStats.peakRSS()
    result.s3Requests = client.counter.snapshot
    let megabytes = Double(bytes) / 1_048_576
    result.detail = String(
      format:
        "upload %.0f MB/s, download %.0f MB/s; RSS %.0f MB before, peak %.0f MB after the upload, %.0f MB in all; %ld of %ld bytes back",
      megabytes / (uploaded - start).seconds, megabytes / (end - uploaded).seconds, Double(rssBefore) / 1_048_576,
      Double(peakAfterUpload) / 1_048_576,
      Double(result.peakRSSBytes) / 1_048_576, size, bytes)
    return result
  }

  /// Writes `bytes` of a repeating pattern, 1 MiB at a time.
  private static func writeFile(at path: String, bytes: Int) throws {
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    guard let handle = FileHandle(forWritingAtPath: path) else {
      throw BenchOptions.UsageError(description: "cannot write \(path)")
    }
    defer { try? handle.close() }
    var chunk = Data(count: 1 << 20)
    chunk.withUnsafeMutableBytes { buffer in
      for index in 0..<buffer.count { buffer[index] = UInt8(truncatingIfNeeded: index &* 7 >> 2) }
    }
    var written = 0
    while written < bytes {
      let part = min(chunk.count, bytes - written)
      try handle.write(contentsOf: part == chunk.count ? chunk : chunk.prefix(part))
      written += part
    }
  }
}
