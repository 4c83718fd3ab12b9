import FlyteIDL
import Foundation
import Hummingbird
import SwiftProtobuf
import VaneAdmin
import VaneAdminStore

extension EntityKindPath {
  var kind: EntityKind {
    switch self {
    case .launchPlan: .launchPlan
    case .workflow: .workflow
    case .task: .task
    }
  }
}

extension PageCall {
  struct EntityListModel {
    struct Row {
      var name: String
      var href: String
      var version: String?
      var created: String?
    }

    var frame: PageFrame
    var title: String
    var heading: String?
    var rows: [Row]
    var nextHref: String?
  }

  /// The names of a kind of entity in the project and domain.
  func entityList(_ viewer: ConsoleViewer, kind: EntityKindPath) async throws -> Response {
    var request = Flyteidl_Admin_NamedEntityIdentifierListRequest()
    request.project = self.request.project
    request.domain = self.request.domain
    request.limit = 100
    request.token = self.request.parameter("token") ?? ""
    let names: Flyteidl_Admin_NamedEntityIdentifierList
    do {
      names = try await console.admin.registry.names(kind.kind, request)
    } catch {
      throw ConsoleError(error)
    }
    let base = ConsolePaths.entities(self.request.project, self.request.domain, kind.rawValue)
    let rows = names.entities.map {
      EntityListModel.Row(
        name: $0.name, href: ConsolePaths.entity($0.project, $0.domain, kind.rawValue, $0.name), version: nil,
        created: nil)
    }
    let model = EntityListModel(
      frame: await frame(title: kind.title, section: kind.rawValue + "s"), title: kind.title, heading: nil, rows: rows,
      nextHref: names.token.isEmpty ? nil : ConsolePaths.with(base, ["token": names.token]))
    return try page("entities", model)
  }

  /// The versions of one entity, newest first.
  func entityVersions(_ viewer: ConsoleViewer, kind: EntityKindPath) async throws -> Response {
    let name = try parameter("entity")
    var request = Flyteidl_Admin_ResourceListRequest()
    request.id.project = self.request.project
    request.id.domain = self.request.domain
    request.id.name = name
    request.limit = 100
    request.token = self.request.parameter("token") ?? ""
    var versions: [(Flyteidl_Core_Identifier, Date?)] = []
    var token = ""
    do {
      switch kind {
      case .launchPlan:
        let list = try await console.admin.registry.launchPlans(request)
        versions = list.launchPlans.map { ($0.id, $0.closure.hasCreatedAt ? $0.closure.createdAt.date : nil) }
        token = list.token
      case .workflow:
        let list = try await console.admin.registry.workflows(request)
        versions = list.workflows.map { ($0.id, $0.closure.hasCreatedAt ? $0.closure.createdAt.date : nil) }
        token = list.token
      case .task:
        let list = try await console.admin.registry.tasks(request)
        versions = list.tasks.map { ($0.id, $0.closure.hasCreatedAt ? $0.closure.createdAt.date : nil) }
        token = list.token
      }
    } catch {
      throw ConsoleError(error)
    }
    guard !versions.isEmpty || !request.token.isEmpty else {
      throw ConsoleError(
        .notFound, "no \(kind.rawValue.replacingOccurrences(of: "_", with: " ")) of this name", at: name)
    }
    let rows = versions.map { id, created in
      EntityListModel.Row(
        name: id.name, href: ConsolePaths.version(id.project, id.domain, kind.rawValue, id.name, id.version),
        version: id.version, created: created.map(ElapsedText.timestamp))
    }
    let base = ConsolePaths.entity(self.request.project, self.request.domain, kind.rawValue, name)
    let model = EntityListModel(
      frame: await frame(title: name, section: kind.rawValue + "s"), title: kind.title, heading: name, rows: rows,
      nextHref: token.isEmpty ? nil : ConsolePaths.with(base, ["token": token]))
    return try page("entities", model)
  }

  /// The identifier of the entity version this request names.
  func entityID(_ kind: EntityKindPath) throws(ConsoleError) -> Flyteidl_Core_Identifier {
    var id = Flyteidl_Core_Identifier()
    id.resourceType =
      switch kind {
      case .launchPlan: .launchPlan
      case .workflow: .workflow
      case .task: .task
      }
    id.project = request.project
    id.domain = request.domain
    id.name = try parameter("entity")
    id.version = try parameter("version")
    return id
  }
}
