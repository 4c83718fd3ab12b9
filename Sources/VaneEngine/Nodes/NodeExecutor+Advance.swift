import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneData
import VaneModel

extension NodeExecutor {
  /// Moves one ready node as far as it can go in this round and returns its phase afterwards.
  /// A success or failure is finalized and written as terminal in the same visit; a retryable
  /// failure starts the next attempt at once (at most one retry per visit).
  func advance(
    _ node: Flyteidl_Core_Node, scope: NodeScope, resolver: BindingResolver, status: inout Vane_NodeStatus,
    round: RoundContext
  ) async -> NodePhase {
    var visit = NodeVisit(
      node: node, uniqueID: scope.uniqueID(of: node.id), scope: scope, resolver: resolver, status: status)
    defer { status = visit.status }
    let handler = handlers.handler(for: node)
    var phase = NodePhase(stored: visit.status.phase)
    if phase == .notYetStarted {
      if Self.isExecutable(node), round.parallelismExhausted { return phase }
      phase = await prepare(&visit, round: round)
      guard phase == .queued else { return phase }
      if Self.isExecutable(node) { round.executableRunning += 1 }
    }
    var handled = 0
    while true {
      switch phase {
      case .succeeding:
        await handler.finalize(&visit, round: round, executor: self)
        return finish(&visit, as: .succeeded, round: round)
      case .failing:
        await handler.abort(&visit, reason: visit.status.error.message, round: round, executor: self)
        await handler.finalize(&visit, round: round, executor: self)
        return finish(&visit, as: .failed, round: round)
      case .timingOut:
        await handler.abort(&visit, reason: visit.status.error.message, round: round, executor: self)
        await handler.finalize(&visit, round: round, executor: self)
        return finish(&visit, as: .timedOut, round: round)
      case .retryable:
        // The next round finalizes and retries; finalizing here too would run it twice.
        guard handled < 2 else {
          round.wakeUp(after: .zero)
          return phase
        }
        await handler.finalize(&visit, round: round, executor: self)
        startAttempt(&visit, round: round)
        phase = .running
      case .queued, .running, .dynamicRunning:
        if visit.status.attempts == 0 { startAttempt(&visit, round: round) }
        if let error = terminalDeadlineError(visit, round: round) {
          visit.status.error = error
          transition(&visit, to: .timingOut, reason: error.message, round: round)
          phase = .timingOut
          continue
        }
        guard handled < 2 else { return phase }
        handled += 1
        let verdict = await handleOrTimeOut(&visit, handler: handler, round: round)
        if let delay = verdict.wakeUpAfter { round.wakeUp(after: delay) }
        let next = NodePhaseRules.apply(
          verdict, to: &visit.status, budget: budget(for: node, scope: scope, round: round))
        if next != NodePhase(stored: visit.status.phase) || next == .retryable {
          transition(&visit, to: next, reason: verdict.reason, round: round)
        }
        phase = next
        if phase == .queued || phase == .running || phase == .dynamicRunning { return phase }
      default:
        return phase
      }
    }
  }

  /// Task, array and launch-plan nodes count against `max_parallelism`.
  static func isExecutable(_ node: Flyteidl_Core_Node) -> Bool {
    switch node.target {
    case .taskNode?, .arrayNode?: return true
    case .workflowNode(let workflow)?:
      if case .launchplanRef? = workflow.reference { return true }
      return false
    default: return false
    }
  }

  /// Resolves the node's inputs and stores them as `inputs.pb`; the node becomes queued, or
  /// failed when its inputs cannot be resolved.
  private func prepare(_ visit: inout NodeVisit, round: RoundContext) async -> NodePhase {
    if let recovered = await recover(&visit, round: round) { return recovered }
    let paths = visit.paths(round.layout)
    visit.status.dataDir = paths.dataDirectory.rawValue
    do {
      let inputs = try await visit.resolver.resolve(visit.node.inputs)
      try await round.write(inputs, to: paths.inputs)
    } catch let error as BindingError {
      visit.status.error = .make(.bindingResolutionFailure, message: error.description, kind: .system)
      return finish(&visit, as: .failed, round: round)
    } catch {
      visit.status.error = .make(.storageError, message: "cannot write the node's inputs: \(error)", kind: .system)
      return finish(&visit, as: .failed, round: round)
    }
    transition(&visit, to: .queued, reason: "", round: round)
    return .queued
  }

  /// Begins the next attempt: a fresh output directory and plugin state.
  private func startAttempt(_ visit: inout NodeVisit, round: RoundContext) {
    visit.status.attempts = visit.status.attempts == .max ? .max : visit.status.attempts + 1
    visit.status.lastAttemptStartedAt = round.timestamp
    visit.status.pluginState = Data()
    visit.status.pluginStateVersion = 0
    visit.status.taskPhase = 0
    visit.status.phaseVersion = 0
    visit.status.outputDir = visit.paths(round.layout).outputDirectory.rawValue
    visit.status.children = [:]  // a subworkflow or branch starts over in a new attempt
    visit.status.branchTaken = ""
    visit.status.dynamicPhase = 0  // a dynamic task runs again and returns a new subgraph
    visit.status.dynamicClosureUri = ""
  }

  /// Calls the handler, unless the attempt ran past the node's timeout (or the engine's
  /// `node-execution-deadline`): then the attempt is stopped and counts as a retryable failure.
  private func handleOrTimeOut(
    _ visit: inout NodeVisit, handler: any NodeHandler, round: RoundContext
  ) async
    -> HandlerVerdict
  {
    guard let deadline = Self.attemptDeadline(of: visit.node, defaults: round.settings.deadlines),
      visit.status.hasLastAttemptStartedAt
    else {
      return await handler.handle(&visit, round: round, executor: self)
    }
    let elapsed = WallTime(visit.status.lastAttemptStartedAt).duration(to: round.instant)
    if elapsed >= deadline.limit {
      let message = "attempt \(visit.attempt) ran longer than \(deadline.name) of \(deadline.limit.secondsText)"
      await handler.abort(&visit, reason: message, round: round, executor: self)
      return .retryableFailure(.timeoutExpired, message, kind: .user)
    }
    round.wakeUp(after: deadline.limit - elapsed)
    return await handler.handle(&visit, round: round, executor: self)
  }

  private func budget(for node: Flyteidl_Core_Node, scope: NodeScope, round: RoundContext) -> NodePhaseRules.Budget {
    var retries: UInt32 = 0
    if node.metadata.hasRetries {
      retries = node.metadata.retries.retries
    } else if case .taskNode(let taskNode)? = node.target, let task = scope.plan.task(taskNode.referenceID) {
      retries = task.metadata.retries.retries
    }
    return .init(userRetries: retries, systemRetries: round.systemRetries)
  }

  /// Writes a terminal phase after finalize; frees a parallelism slot.
  func finish(_ visit: inout NodeVisit, as phase: NodePhase, round: RoundContext) -> NodePhase {
    let wasCounted = NodePhase(stored: visit.status.phase) != .notYetStarted
    transition(&visit, to: phase, reason: phase.isSuccess ? "" : visit.status.error.message, round: round)
    if Self.isExecutable(visit.node) && wasCounted { round.executableRunning -= 1 }
    return phase
  }

  /// Marks a node whose upstream was skipped (or a branch leg not taken) as skipped.
  func skip(_ node: Flyteidl_Core_Node, scope: NodeScope, status: inout Vane_NodeStatus, round: RoundContext) {
    var visit = NodeVisit(
      node: node, uniqueID: scope.uniqueID(of: node.id), scope: scope,
      resolver: BindingResolver { nodeID throws(BindingError) in
        throw BindingError(.outputNotFound, input: nodeID, "skipped")
      },
      status: status)
    transition(&visit, to: .skipped, reason: "an upstream node was skipped", round: round)
    status = visit.status
  }

  /// Stops every started, unfinished node of `scope` and marks it aborted.
  func abort(_ scope: NodeScope, statuses: inout [String: Vane_NodeStatus], reason: String, round: RoundContext) async {
    for id in scope.graph.order {
      guard let node = scope.graph.nodes[id], var status = statuses[id] else { continue }
      await abortNode(node, scope: scope, status: &status, reason: reason, round: round)
      statuses[id] = status
    }
  }

  /// Stops one node if it started and has not finished, and marks it aborted.
  func abortNode(
    _ node: Flyteidl_Core_Node, scope: NodeScope, status: inout Vane_NodeStatus, reason: String, round: RoundContext
  ) async {
    let phase = NodePhase(stored: status.phase)
    guard !phase.isTerminal, phase != .notYetStarted else { return }
    let resolver = BindingResolver { nodeID throws(BindingError) in
      throw BindingError(.outputNotFound, input: nodeID, "aborting")
    }
    var visit = NodeVisit(
      node: node, uniqueID: scope.uniqueID(of: node.id), scope: scope, resolver: resolver, status: status)
    let handler = handlers.handler(for: node)
    await handler.abort(&visit, reason: reason, round: round, executor: self)
    await handler.finalize(&visit, round: round, executor: self)
    visit.status.error = .make(.nodeAborted, message: reason, kind: .system)
    _ = finish(&visit, as: .aborted, round: round)
    status = visit.status
  }
}
