import FlyteIDL
import Foundation
import VaneEngine

extension RayPlugin {
  /// The log links of a job on the cluster: its log through the job API (which `vane logs`
  /// reads) and its dashboard page.
  func liveLogs(_ submissionID: String) -> [Flyteidl_Core_TaskLog] {
    [
      Self.link("ray-job", configuration.address.logs(submissionID)),
      Self.link("ray-dashboard", configuration.address.dashboardPage(submissionID)),
    ]
  }

  /// The log links of an ended attempt: a copy of the job's log kept on the engine's machine
  /// (`<log root>/<unique id>/ray-job.log`, fetched once) when the job was this attempt's and
  /// its log could be read, else the job's links on the cluster.
  func finalLogs(_ submissionID: String, observation: RayJobMachine.Observation) async -> [Flyteidl_Core_TaskLog] {
    let live = liveLogs(submissionID)
    guard case .found = observation else { return live }
    let directory = Self.joined(configuration.logRoot, RayEntrypoint.directoryName(for: submissionID))
    let file = directory + "/ray-job.log"
    if !FileManager.default.fileExists(atPath: file) {
      do {
        let text = try await api.logs(submissionID, limit: configuration.logLimit)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
      } catch {
        return live
      }
    }
    return [Self.link("ray-job", "file://" + file), live[1]]
  }

  private static func link(_ name: String, _ uri: String) -> Flyteidl_Core_TaskLog {
    var log = Flyteidl_Core_TaskLog()
    log.name = name
    log.uri = uri
    log.showWhilePending = true
    return log
  }
}
