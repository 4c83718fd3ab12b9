import FlyteIDL
import Foundation
import Logging
import VaneData
import VaneModel
import VaneStore

/// Recovery mode (`spec.recover_from`): before a node starts, the same node of the earlier
/// execution — the one with the same unique id — is looked up. If it succeeded (or was itself
/// recovered) there, its inputs and outputs are copied to this node's paths and the node ends
/// as Recovered (12) without running. Otherwise it runs as usual; a node with children
/// (subworkflow, branch, dynamic) that failed there runs again, and its children are looked
/// up the same way when they start, so only what failed runs again. Array nodes and
/// launch-plan nodes are recovered whole or run whole.
extension NodeExecutor {
  /// Recovers the node of `visit` when the earlier execution has it succeeded: returns
  /// `.recovered`; `.notYetStarted` when the earlier execution cannot be read now (the node
  /// waits for a later round); nil when the node must run.
  func recover(_ visit: inout NodeVisit, round: RoundContext) async -> NodePhase? {
    guard round.spec.hasRecoverFrom, !round.spec.recoverFrom.name.isEmpty else { return nil }
    // The failure node reacts to this execution's failure: it always runs.
    if visit.scope.parent == nil, visit.node.id == round.plan.primary.template.failureNode.id { return nil }
    let index: RecoveryIndex
    switch await RecoveryIndex.load(for: round, from: launcher) {
    case .some(let loaded): index = loaded
    case .none:
      round.wakeUp(after: .seconds(1))
      return .notYetStarted
    }
    guard let old = index.status(of: visit.uniqueID), NodePhase(stored: old.phase).isSuccess else { return nil }
    let paths = visit.paths(round.layout)
    do {
      let oldInputs = DataURI(old.dataDir).appending(DataFileName.inputs)
      if !old.dataDir.isEmpty, try await round.dataStore.exists(oldInputs) {
        try await round.dataStore.copy(from: oldInputs, to: paths.inputs)
      }
      if !old.outputsUri.isEmpty {
        let outputs = try await round.dataStore.readMessage(
          Flyteidl_Core_LiteralMap.self, from: DataURI(old.outputsUri))
        try await round.write(outputs, to: paths.outputs)
        visit.status.outputsUri = paths.outputs.rawValue
      }
    } catch {
      // The earlier data is gone or unreadable: run the node instead.
      round.logger.warning(
        "cannot recover node; running it",
        metadata: ["execution": "\(round.key)", "node": "\(visit.uniqueID)", "error": "\(error)"])
      visit.status.outputsUri = ""
      return nil
    }
    visit.status.dataDir = paths.dataDirectory.rawValue
    visit.status.outputDir = paths.outputDirectory.rawValue
    visit.status.cacheStatus = old.cacheStatus
    transition(&visit, to: .recovered, reason: "recovered from \(round.spec.recoverFrom.name)", round: round)
    return .recovered
  }
}

/// The node statuses of the execution being recovered, by node unique id, read once per round.
final class RecoveryIndex {
  private let statuses: [String: Vane_NodeStatus]

  init(_ status: Vane_ExecutionStatus) {
    var statuses: [String: Vane_NodeStatus] = [:]
    for (id, node) in status.nodes { Self.collect(node, uniqueID: id, into: &statuses) }
    self.statuses = statuses
  }

  /// The earlier status of the node with this unique id.
  func status(of uniqueID: String) -> Vane_NodeStatus? { statuses[uniqueID] }

  /// The index of `round`'s recovery source, cached in the round; an empty index when the
  /// earlier execution does not exist; nil when it cannot be read now.
  static func load(for round: RoundContext, from launcher: any ExecutionLauncher) async -> RecoveryIndex? {
    if let cached = round.recoveryIndex { return cached }
    let key = ResourceKey(execution: round.spec.recoverFrom)
    do {
      let status = try await launcher.status(of: key)
      if status == nil {
        round.logger.warning(
          "the execution to recover from does not exist; every node runs",
          metadata: ["execution": "\(round.key)", "recoverFrom": "\(key)"])
      }
      let index = RecoveryIndex(status ?? Vane_ExecutionStatus())
      round.recoveryIndex = index
      return index
    } catch {
      round.logger.warning(
        "cannot read the execution to recover from",
        metadata: ["execution": "\(round.key)", "recoverFrom": "\(key)", "error": "\(error)"])
      return nil
    }
  }

  /// Children are indexed under the unique id they got from the parent's last attempt, and
  /// also from attempt 0 — the attempt of a parent that runs again in the new execution.
  private static func collect(
    _ status: Vane_NodeStatus, uniqueID: String, into statuses: inout [String: Vane_NodeStatus]
  ) {
    statuses[uniqueID] = status
    let last = status.attempts > 0 ? status.attempts - 1 : 0
    for attempt in Set([last, 0]) {
      for (childID, child) in status.children {
        let childUniqueID = UniqueID.node(childID, parentUniqueID: uniqueID, parentAttempt: attempt)
        if statuses[childUniqueID] == nil || attempt == last {
          collect(child, uniqueID: childUniqueID, into: &statuses)
        }
      }
    }
  }
}
