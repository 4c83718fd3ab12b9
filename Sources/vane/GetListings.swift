import FlyteIDL

/// The tables and JSON/YAML documents of `vane get`.
enum GetListings {
  static func projects(_ list: Flyteidl_Admin_Projects, _ format: OutputFormat) throws {
    try RemoteOutput.emit(format, value: ["projects": try list.projects.map(RemoteOutput.object)]) {
      var table = TextTable("ID", "NAME", "DOMAINS", "DESCRIPTION")
      for project in list.projects {
        table.add(
          project.id, project.name, project.domains.map(\.id).joined(separator: ","),
          project.description_p.isEmpty ? "-" : project.description_p)
      }
      return table
    }
  }

  static func tasks(_ list: Flyteidl_Admin_TaskList, _ format: OutputFormat) throws {
    try RemoteOutput.emit(format, value: ["tasks": try list.tasks.map(RemoteOutput.object)]) {
      var table = TextTable("NAME", "VERSION", "TYPE", "CREATED")
      for task in list.tasks {
        table.add(
          task.id.name, task.id.version, task.closure.compiledTask.template.type,
          RemoteOutput.time(task.closure.createdAt))
      }
      return table
    }
  }

  static func workflows(_ list: Flyteidl_Admin_WorkflowList, _ format: OutputFormat) throws {
    try RemoteOutput.emit(format, value: ["workflows": try list.workflows.map(RemoteOutput.object)]) {
      var table = TextTable("NAME", "VERSION", "NODES", "CREATED")
      for workflow in list.workflows {
        table.add(
          workflow.id.name, workflow.id.version,
          String(workflow.closure.compiledWorkflow.primary.template.nodes.count),
          RemoteOutput.time(workflow.closure.createdAt))
      }
      return table
    }
  }

  static func launchPlans(_ list: Flyteidl_Admin_LaunchPlanList, _ format: OutputFormat) throws {
    try RemoteOutput.emit(format, value: ["launch_plans": try list.launchPlans.map(RemoteOutput.object)]) {
      var table = TextTable("NAME", "VERSION", "STATE", "SCHEDULE", "CREATED")
      for plan in list.launchPlans {
        let schedule = plan.spec.entityMetadata.hasSchedule ? scheduleText(plan.spec.entityMetadata.schedule) : "-"
        table.add(
          plan.id.name, plan.id.version, RemoteOutput.phase(plan.closure.state), schedule,
          RemoteOutput.time(plan.closure.createdAt))
      }
      return table
    }
  }

  static func executions(_ list: Flyteidl_Admin_ExecutionList, _ format: OutputFormat) throws {
    try RemoteOutput.emit(format, value: ["executions": try list.executions.map(RemoteOutput.object)]) {
      var table = TextTable("NAME", "LAUNCH PLAN", "PHASE", "STARTED", "DURATION")
      for execution in list.executions {
        let closure = execution.closure
        table.add(
          execution.id.name, "\(execution.spec.launchPlan.name):\(execution.spec.launchPlan.version)",
          RemoteOutput.phase(closure.phase), RemoteOutput.time(closure.hasStartedAt ? closure.startedAt : nil),
          RemoteOutput.duration(closure.hasDuration ? closure.duration : nil))
      }
      return table
    }
  }

  static func scheduleText(_ schedule: Flyteidl_Admin_Schedule) -> String {
    switch schedule.scheduleExpression {
    case .cronSchedule(let cron)?: "cron \(cron.schedule)"
    case .cronExpression(let cron)?: "cron \(cron)"
    case .rate(let rate)?: "every \(rate.value) \(rate.unit)"
    case nil: "-"
    }
  }
}
