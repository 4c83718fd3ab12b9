public import Hummingbird
public import VaneServer

/// The console's routes on `vane serve`'s HTTP port, all under `/console`. Execution and
/// entity pages follow flyteconsole's URLs, so links printed by pyflyte and FlyteRemote open
/// them.
public struct ConsoleEndpoint: HTTPEndpoint {
  public let console: Console

  public init(console: Console) {
    self.console = console
  }

  public func add(to router: Router<BasicRequestContext>) {
    let console = self.console
    let domain = "/console/projects/:project/domains/:domain"
    let execution = domain + "/executions/:name"
    router.get("/console") { request, context in await console.respond(request, context) { try await $0.home($1) } }
    router.get("/console/projects") { request, context in
      await console.respond(request, context) { try await $0.projectsPage($1) }
    }
    router.get("/console/switch") { request, context in
      await console.respond(request, context) { try await $0.switchScope($1) }
    }
    router.get("/console/assets/:file") { _, context in console.asset(context.parameters.get("file") ?? "") }
    router.get(RouterPath(domain)) { request, context in
      await console.respond(request, context) { page, _ in
        ConsoleResponse.redirect(ConsolePaths.executions(page.request.project, page.request.domain))
      }
    }
    router.get(RouterPath(domain + "/executions")) { request, context in
      await console.respond(request, context) { try await $0.executionList($1) }
    }
    router.get(RouterPath(domain + "/live")) { request, context in
      await console.respond(request, context) { try await $0.executionListEvents($1) }
    }
    router.get(RouterPath(execution)) { request, context in
      await console.respond(request, context) { try await $0.executionPage($1, node: nil) }
    }
    router.get(RouterPath(execution + "/fragment")) { request, context in
      await console.respond(request, context) { try await $0.executionFragment($1) }
    }
    router.get(RouterPath(execution + "/live")) { request, context in
      await console.respond(request, context) { try await $0.executionEvents($1) }
    }
    router.get(RouterPath(execution + "/nodes/:node")) { request, context in
      await console.respond(request, context) { page, viewer in
        let node = try page.parameter("node")
        if page.request.query["fragment"] == "1" { return try await page.nodePanelFragment(viewer, node: node) }
        return try await page.executionPage(viewer, node: node)
      }
    }
    router.get(RouterPath(execution + "/nodes/:node/logs")) { request, context in
      await console.respond(request, context) { try await $0.logEvents($1, node: $0.parameter("node")) }
    }
    router.get(RouterPath(execution + "/nodes/:node/deck")) { request, context in
      await console.respond(request, context) { try await $0.deck($1, node: $0.parameter("node")) }
    }
    for action in ExecutionAction.allCases {
      router.post(RouterPath(execution + "/" + action.rawValue)) { request, context in
        await console.respond(request, context) { try await $0.perform(action, $1) }
      }
    }
    router.post(RouterPath(execution + "/signals/:signal")) { request, context in
      await console.respond(request, context) { try await $0.setSignal($1, signal: $0.parameter("signal")) }
    }
    router.get(RouterPath(domain + "/data")) { request, context in
      await console.respond(request, context) { try await $0.download($1) }
    }
    for kind in EntityKindPath.allCases {
      router.get(RouterPath(domain + "/" + kind.rawValue + "s")) { request, context in
        await console.respond(request, context) { try await $0.entityList($1, kind: kind) }
      }
      router.get(RouterPath(domain + "/" + kind.rawValue + "/:entity")) { request, context in
        await console.respond(request, context) { try await $0.entityVersions($1, kind: kind) }
      }
      router.get(RouterPath(domain + "/" + kind.rawValue + "/:entity/version/:version")) { request, context in
        await console.respond(request, context) { try await $0.entityPage($1, kind: kind, form: nil) }
      }
    }
    router.post(RouterPath(domain + "/launch_plan/:entity/version/:version/launch")) { request, context in
      await console.respond(request, context) { try await $0.launch($1) }
    }
    router.post(RouterPath(domain + "/launch_plan/:entity/version/:version/state")) { request, context in
      await console.respond(request, context) { try await $0.setLaunchPlanState($1) }
    }
    router.get("/console/login") { request, context in await console.loginPage(request, context) }
    router.post("/console/login") { request, context in await console.login(request, context) }
    router.post("/console/logout") { request, context in await console.logout(request, context) }
  }
}

/// The entity kinds with pages, spelled as in flyteconsole's URLs.
enum EntityKindPath: String, CaseIterable, Sendable {
  case launchPlan = "launch_plan"
  case workflow
  case task

  var title: String {
    switch self {
    case .launchPlan: "Launch plans"
    case .workflow: "Workflows"
    case .task: "Tasks"
    }
  }
}

/// Buttons on an execution page, each a form posting to `…/executions/{name}/{action}`.
enum ExecutionAction: String, CaseIterable, Sendable {
  case abort
  case relaunch
  case recover
}
