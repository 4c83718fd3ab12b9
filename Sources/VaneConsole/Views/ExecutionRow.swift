public import FlyteIDL
public import Foundation
import SwiftProtobuf
import VaneModel

/// One execution as a row of the list and as the head of its page: phase, what it runs, when,
/// for how long, and who or what launched it.
public struct ExecutionRow: Sendable {
  public var name: String
  public var href: String
  public var phase: String
  public var cssClass: String
  public var launchPlan: String
  public var launchPlanVersion: String
  public var launchPlanHref: String
  public var workflow: String
  public var started: String
  public var duration: String
  public var launchedBy: String
  /// The phase's colour group, for filtering.
  public var style: PhaseStyle
  public var isTerminal: Bool

  public init(_ execution: Flyteidl_Admin_Execution, now: Date) {
    let id = execution.id
    name = id.name
    href = ConsolePaths.execution(id.project, id.domain, id.name)
    let closure = execution.closure
    (phase, style, isTerminal) = Self.phase(closure.phase)
    cssClass = style.cssClass
    let plan = execution.spec.launchPlan
    launchPlan = plan.name
    launchPlanVersion = plan.version
    launchPlanHref =
      plan.name.isEmpty ? "" : ConsolePaths.version(id.project, id.domain, "launch_plan", plan.name, plan.version)
    workflow = closure.workflowID.name
    started = closure.hasStartedAt ? ElapsedText.timestamp(closure.startedAt.date) : ""
    if closure.hasStartedAt {
      let end = isTerminal ? closure.startedAt.date.addingTimeInterval(closure.duration.timeInterval) : now
      duration = ElapsedText.format(end.timeIntervalSince(closure.startedAt.date))
    } else {
      duration = ""
    }
    launchedBy = Self.launchedBy(execution.spec.metadata)
  }

  /// Flyte's workflow execution phase as a name, a colour group and whether it is final.
  static func phase(_ phase: Flyteidl_Core_WorkflowExecution.Phase) -> (String, PhaseStyle, Bool) {
    switch phase {
    case .queued, .undefined: ("Queued", .pending, false)
    case .running: ("Running", .running, false)
    case .succeeding: ("Succeeding", .running, false)
    case .succeeded: ("Succeeded", .succeeded, true)
    case .failing: ("Failing", .running, false)
    case .failed: ("Failed", .failed, true)
    case .aborting: ("Aborting", .running, false)
    case .aborted: ("Aborted", .aborted, true)
    case .timedOut: ("Timed out", .failed, true)
    case .UNRECOGNIZED: ("Unknown", .pending, false)
    }
  }

  static func launchedBy(_ metadata: Flyteidl_Admin_ExecutionMetadata) -> String {
    let who = metadata.principal.isEmpty ? "" : " by \(metadata.principal)"
    switch metadata.mode {
    case .manual: return "manual" + who
    case .scheduled: return "schedule"
    case .system: return "system"
    case .relaunch: return "relaunch of \(metadata.referenceExecution.name)" + who
    case .recovered: return "recovery of \(metadata.referenceExecution.name)" + who
    case .childWorkflow:
      let parent = metadata.parentNodeExecution
      return "child of \(parent.executionID.name)/\(parent.nodeID)"
    case .trigger: return "trigger"
    case .UNRECOGNIZED: return ""
    }
  }
}
