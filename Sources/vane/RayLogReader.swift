import FlyteIDL
import Foundation
import VaneConsole
import VaneRay

/// The console's reader for the log links of running Ray jobs (the cluster's job API): the
/// whole log so far, from which the requested part is cut. Finished jobs' logs are kept as
/// files and read by `FileLogReader`.
struct RayLogReader: LogReader {
  /// Largest log read from the cluster at once.
  var limit = 16 << 20

  func read(_ link: Flyteidl_Core_TaskLog, from offset: Int, limit: Int) async throws(ConsoleError) -> LogChunk? {
    guard let job = RayAddress.logLink(link.uri) else { return nil }
    let text: String
    do {
      text = try await RayJobClient(address: job.address).logs(job.submissionID, limit: self.limit)
    } catch {
      throw ConsoleError(.internalError, "the Ray cluster did not give the job's log: \(error.message)", at: link.uri)
    }
    let bytes = Data(text.utf8)
    let start = min(max(0, offset), bytes.count)
    let end = min(bytes.count, start + max(0, limit))
    return LogChunk(data: bytes.subdata(in: start..<end), nextOffset: end, size: bytes.count)
  }
}
