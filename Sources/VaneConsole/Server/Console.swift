import Foundation
public import Logging
public import VaneAdmin
public import VaneModel
public import VaneServer

/// Everything the console's pages and actions use, built once by `vane serve`: the admin
/// components (called directly, no gRPC round trip), the graph layout, live updates, the log
/// readers, who is looking, and the page templates.
public struct Console: Sendable {
  public let admin: AdminComponents
  public let layout: any GraphLayout
  public let live: LiveUpdates
  public let logs: any LogReader
  public let access: any ConsoleAccess
  public let links: DataLinks
  public let summary: GraphSummary
  public let logger: Logger
  let renderer: PageRenderer
  /// What pages read the time from (elapsed times of running nodes) and live streams sleep on.
  public let clock: any WallClock

  /// Largest file served by a download link, and largest deck.
  public var maximumDownloadBytes = 256 << 20
  /// Bytes of a log shown when a panel opens (its tail).
  public var logTailBytes = 64 << 10
  /// Where actions and refusals are recorded (the server's audit log when authentication is
  /// on); nil records nothing.
  public var audit: (any AuditSink)?

  public init(
    admin: AdminComponents, layout: any GraphLayout, live: LiveUpdates, logs: any LogReader,
    access: any ConsoleAccess = OpenAccess(), summary: GraphSummary = GraphSummary(), logger: Logger,
    clock: any WallClock = SystemClock()
  ) throws(ConsoleError) {
    self.admin = admin
    self.layout = layout
    self.live = live
    self.logs = logs
    self.access = access
    self.links = DataLinks()
    self.summary = summary
    self.logger = logger
    self.renderer = try PageRenderer()
    self.clock = clock
  }

  /// The executions manager, or `unavailable` when the server runs without an engine.
  var executions: ExecutionManager {
    get throws(ConsoleError) {
      guard let executions = admin.executions else {
        throw ConsoleError(.internalError, "this server runs no engine, so it has no executions")
      }
      return executions
    }
  }
}
