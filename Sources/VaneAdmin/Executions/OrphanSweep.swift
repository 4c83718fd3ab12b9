public import Foundation
public import Logging
public import ServiceLifecycle
import VaneAdminStore

/// Runs `ExecutionManager.removeOrphans` once at start under `vane serve`, for the records made
/// before this process started, then waits for shutdown (a service that returns early would
/// stop the server).
public struct OrphanSweep: Service {
  let executions: ExecutionManager
  let startedAt: Date
  let logger: Logger

  public init(executions: ExecutionManager, startedAt: Date, logger: Logger) {
    self.executions = executions
    self.startedAt = startedAt
    self.logger = logger
  }

  public func run() async throws {
    do {
      let removed = try await executions.removeOrphans(createdBefore: startedAt)
      if !removed.isEmpty {
        logger.notice(
          "removed the records of executions the engine never received (the server stopped while creating them)",
          metadata: ["executions": "\(removed.map { "\($0.project):\($0.domain):\($0.name)" })"])
      }
    } catch {
      logger.error("cannot check for executions the engine never received", metadata: ["error": "\(error)"])
    }
    try? await gracefulShutdown()
  }
}
