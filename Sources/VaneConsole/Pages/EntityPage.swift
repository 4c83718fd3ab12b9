import FlyteIDL
import Foundation
import Hummingbird
import SwiftProtobuf
import VaneAdmin
import VaneAdminStore
import VaneModel

extension PageCall {
  struct EntityPageModel {
    struct Variable {
      var name: String
      var type: String
      var description: String
    }

    struct Fact {
      var label: String
      var value: String
      var href: String?
    }

    struct Interface {
      var title: String
      var variables: [Variable]
    }

    var frame: PageFrame
    var kind: String
    var name: String
    var version: String
    var versionsHref: String
    var facts: [Fact]
    var inputs: [Variable] {
      get { interfaces.first { $0.title == "Inputs" }?.variables ?? [] }
      set { set("Inputs", newValue) }
    }
    var outputs: [Variable] {
      get { interfaces.first { $0.title == "Outputs" }?.variables ?? [] }
      set { set("Outputs", newValue) }
    }
    var interfaces: [Interface]
    var graphHTML: String?
    var form: LaunchForm?
    var launchAction: String?
    var canLaunch: Bool
    var schedule: String?
    var active: Bool
    var stateAction: String?
    var formError: String?

    mutating func set(_ title: String, _ variables: [Variable]) {
      interfaces.removeAll { $0.title == title }
      guard !variables.isEmpty else { return }
      interfaces.append(Interface(title: title, variables: variables))
      interfaces.sort { $0.title < $1.title }
    }
  }

  /// One version of a launch plan (with its launch form), workflow (with its graph) or task.
  func entityPage(
    _ viewer: ConsoleViewer, kind: EntityKindPath, form: LaunchForm?, formError: String? = nil
  )
    async throws -> Response
  {
    let id = try entityID(kind)
    let registry = console.admin.registry
    let versionPath = ConsolePaths.version(id.project, id.domain, kind.rawValue, id.name, id.version)
    var model = EntityPageModel(
      frame: await frame(title: id.name, section: kind.rawValue + "s"), kind: kind.rawValue, name: id.name,
      version: id.version, versionsHref: ConsolePaths.entity(id.project, id.domain, kind.rawValue, id.name), facts: [],
      interfaces: [], graphHTML: nil, form: nil, launchAction: nil,
      canLaunch: viewer.may(.write, in: id.project), schedule: nil, active: false, stateAction: nil,
      formError: formError)
    do {
      switch kind {
      case .launchPlan:
        let plan = try await registry.launchPlan(id)
        let workflow = plan.spec.workflowID
        model.facts.append(
          .init(
            label: "Workflow", value: "\(workflow.name) (\(workflow.version))",
            href: ConsolePaths.version(workflow.project, workflow.domain, "workflow", workflow.name, workflow.version)))
        model.form = form ?? LaunchForm(plan: plan)
        model.launchAction = versionPath + "/launch"
        model.active = plan.closure.state == .active
        if plan.spec.entityMetadata.hasSchedule {
          model.schedule = Self.scheduleText(plan.spec.entityMetadata.schedule)
          model.stateAction = versionPath + "/state"
        }
        model.outputs = Self.variables(plan.closure.expectedOutputs)
        if let graph = try? await registry.workflow(workflow) {
          model.graphHTML = await entityGraph(graph.closure.compiledWorkflow)
        }
      case .workflow:
        let workflow = try await registry.workflow(id)
        let template = workflow.closure.compiledWorkflow.primary.template
        model.inputs = Self.variables(template.interface.inputs)
        model.outputs = Self.variables(template.interface.outputs)
        model.facts.append(
          .init(
            label: "Default launch plan", value: id.name,
            href: ConsolePaths.version(id.project, id.domain, "launch_plan", id.name, id.version)))
        model.graphHTML = await entityGraph(workflow.closure.compiledWorkflow)
      case .task:
        let task = try await registry.task(id)
        let template = task.closure.compiledTask.template
        model.inputs = Self.variables(template.interface.inputs)
        model.outputs = Self.variables(template.interface.outputs)
        model.facts += Self.taskFacts(template)
      }
    } catch {
      throw ConsoleError(error)
    }
    return try page("entity", model, status: form == nil && formError == nil ? .ok : .badRequest)
  }

  /// A compiled workflow's graph (no execution: every box uncoloured).
  func entityGraph(_ closure: Flyteidl_Core_CompiledWorkflowClosure) async -> String? {
    let graph = console.summary.summarise(GraphBuilder(closure: closure).graph(status: nil))
    guard graph.allNodes.count <= Self.drawableNodes,
      let positions = try? await console.layout.layout(DotSource(graph))
    else { return nil }
    return GraphSVG(links: .init(node: { _ in "#" }, toggle: { _ in "#" })).render(graph, positions: positions)
  }

  static func variables(_ map: Flyteidl_Core_VariableMap) -> [EntityPageModel.Variable] {
    map.variables.keys.sorted().map { name in
      let variable = map.variables[name]!
      return .init(name: name, type: variable.type.readable, description: variable.description_p)
    }
  }

  static func taskFacts(_ template: Flyteidl_Core_TaskTemplate) -> [EntityPageModel.Fact] {
    var facts: [EntityPageModel.Fact] = [.init(label: "Type", value: template.type, href: nil)]
    let metadata = template.metadata
    if metadata.hasRetries { facts.append(.init(label: "Retries", value: String(metadata.retries.retries), href: nil)) }
    if metadata.hasTimeout {
      facts.append(
        .init(label: "Timeout", value: ElapsedText.format(TimeInterval(metadata.timeout.seconds)), href: nil))
    }
    if metadata.discoverable {
      facts.append(.init(label: "Cache", value: "version \(metadata.discoveryVersion)", href: nil))
    }
    if metadata.interruptible { facts.append(.init(label: "Interruptible", value: "yes", href: nil)) }
    if case .container(let container)? = template.target {
      facts.append(.init(label: "Image", value: container.image, href: nil))
      facts.append(
        .init(label: "Command", value: (container.command + container.args).joined(separator: " "), href: nil))
      for request in container.resources.requests {
        facts.append(.init(label: "Requests \(request.name)", value: request.value, href: nil))
      }
    }
    return facts
  }

  static func scheduleText(_ schedule: Flyteidl_Admin_Schedule) -> String {
    switch schedule.scheduleExpression {
    case .cronExpression(let cron)?: return "cron \(cron)"
    case .cronSchedule(let cron)?:
      return "cron \(cron.schedule)" + (cron.offset.isEmpty ? "" : " offset \(cron.offset)")
    case .rate(let rate)?: return "every \(rate.value) \(rate.unit)"
    case nil: return ""
    }
  }

  /// Launches a launch plan from its form; a refused value is shown next to its field.
  func launch(_ viewer: ConsoleViewer) async throws -> Response {
    try requireWrite("launch executions")
    let id = try entityID(.launchPlan)
    let plan: Flyteidl_Admin_LaunchPlan
    do {
      plan = try await console.admin.registry.launchPlan(id)
    } catch {
      throw ConsoleError(error)
    }
    var submitted = request.form
    submitted["_csrf"] = nil
    switch LaunchForm.validate(plan: plan, submitted: submitted) {
    case .failure(let refusal):
      return try await entityPage(viewer, kind: .launchPlan, form: refusal.form, formError: "Some inputs were refused.")
    case .success(let inputs):
      var create = Flyteidl_Admin_ExecutionCreateRequest()
      create.project = id.project
      create.domain = id.domain
      create.name = (submitted[LaunchForm.nameField] ?? "").trimmingCharacters(in: .whitespaces)
      create.spec.launchPlan = id
      create.inputs = inputs
      create.spec.metadata.principal = viewer.signedIn ? viewer.subject : ""
      do {
        let created = try await console.executions.create(create)
        return ConsoleResponse.redirect(ConsolePaths.execution(id.project, id.domain, created.id.name))
      } catch let error as AdminError {
        var form = LaunchForm(plan: plan, submitted: submitted)
        if error.location?.hasPrefix("name") == true { form.nameError = error.message }
        return try await entityPage(viewer, kind: .launchPlan, form: form, formError: ConsoleError(error).description)
      }
    }
  }

  /// Activates or deactivates a scheduled launch plan version.
  func setLaunchPlanState(_ viewer: ConsoleViewer) async throws -> Response {
    try requireWrite("change schedules")
    let id = try entityID(.launchPlan)
    var update = Flyteidl_Admin_LaunchPlanUpdateRequest()
    update.id = id
    update.state = request.form["state"] == "active" ? .active : .inactive
    do {
      try await console.admin.registry.updateLaunchPlan(update)
    } catch {
      throw ConsoleError(error)
    }
    return ConsoleResponse.redirect(ConsolePaths.version(id.project, id.domain, "launch_plan", id.name, id.version))
  }
}
