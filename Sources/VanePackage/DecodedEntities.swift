import FlyteIDL
import Foundation
import SwiftProtobuf

/// An entity decoded from a package file, with the file it came from.
struct DecodedEntity<Spec: Sendable>: Sendable {
  let value: Spec
  let member: String
  let name: String
}

/// The entities decoded so far, checked one file at a time.
struct DecodedEntities: Sendable {
  var tasks: [DecodedEntity<Flyteidl_Admin_TaskSpec>] = []
  var workflows: [DecodedEntity<Flyteidl_Admin_WorkflowSpec>] = []
  var launchPlans: [DecodedEntity<Flyteidl_Admin_LaunchPlan>] = []

  var isEmpty: Bool { tasks.isEmpty && workflows.isEmpty && launchPlans.isEmpty }

  /// Decodes and checks `member`; returns the problem when there is one.
  mutating func add(_ member: PackageMember, _ kind: EntityFileKind, _ location: PackageLocation) -> PackageError? {
    do {
      switch kind {
      case .task:
        let spec = try Flyteidl_Admin_TaskSpec(serializedBytes: member.data)
        let name = try Self.check(spec.hasTemplate && spec.template.hasID, spec.template.id, kind, "template.id")
        tasks.append(DecodedEntity(value: spec, member: member.path, name: name))
      case .workflow:
        let spec = try Flyteidl_Admin_WorkflowSpec(serializedBytes: member.data)
        let name = try Self.check(spec.hasTemplate && spec.template.hasID, spec.template.id, kind, "template.id")
        for sub in spec.subWorkflows {
          _ = try Self.check(sub.hasID, sub.id, .workflow, "a sub_workflows entry's id")
        }
        workflows.append(DecodedEntity(value: spec, member: member.path, name: name))
      case .launchPlan:
        let plan = try Flyteidl_Admin_LaunchPlan(serializedBytes: member.data)
        let name = try Self.check(plan.hasID, plan.id, kind, "id")
        _ = try Self.check(plan.spec.hasWorkflowID, plan.spec.workflowID, .workflow, "spec.workflow_id")
        launchPlans.append(DecodedEntity(value: plan, member: member.path, name: name))
      }
      return nil
    } catch let problem as EntityProblem {
      return location.error(problem.code, problem.message(for: kind), member: member.path)
    } catch {
      let reason = Self.describe(error)
      return location.error(
        .decodeFailed,
        "cannot decode as \(kind.messageName), the message \(kind.suffix) files hold: \(reason)",
        member: member.path)
    }
  }

  /// Problems with names defined by more than one file of the same kind with different content.
  /// Identical definitions are one entity, as FlyteAdmin accepts an identical re-registration:
  /// `pyflyte package` writes a map task once per workflow that uses it.
  func duplicates(_ location: PackageLocation) -> [PackageError] {
    Self.conflicts(tasks, "task", location) + Self.conflicts(workflows, "workflow", location)
      + Self.conflicts(launchPlans, "launch plan", location)
  }

  /// The entities with identical repeated definitions dropped (the first file's copy is kept).
  func deduplicated() -> DecodedEntities {
    DecodedEntities(
      tasks: Self.firstOfEach(tasks), workflows: Self.firstOfEach(workflows),
      launchPlans: Self.firstOfEach(launchPlans))
  }

  private static func conflicts<Spec: Equatable>(
    _ entities: [DecodedEntity<Spec>], _ noun: String, _ location: PackageLocation
  ) -> [PackageError] {
    var first: [String: DecodedEntity<Spec>] = [:]
    var errors: [PackageError] = []
    for entity in entities {
      guard let earlier = first[entity.name] else {
        first[entity.name] = entity
        continue
      }
      if earlier.value != entity.value {
        errors.append(
          location.error(
            .duplicateEntity,
            "defines the \(noun) '\(entity.name)' that \(earlier.member) defines already, with different content;"
              + " one name must have one definition",
            member: entity.member))
      }
    }
    return errors
  }

  private static func firstOfEach<Spec>(_ entities: [DecodedEntity<Spec>]) -> [DecodedEntity<Spec>] {
    var seen: Set<String> = []
    return entities.filter { seen.insert($0.name).inserted }
  }

  /// The identifier's name, or an ``EntityProblem`` when it is missing or of the wrong type.
  private static func check(
    _ present: Bool, _ id: Flyteidl_Core_Identifier, _ kind: EntityFileKind, _ field: String
  ) throws -> String {
    guard present, !id.name.isEmpty else { throw EntityProblem.missingName(field) }
    guard id.resourceType == .unspecified || id.resourceType == kind.resourceType else {
      throw EntityProblem.wrongType(field, id.resourceType, expected: kind.resourceType)
    }
    return id.name
  }

  /// A readable reason for a SwiftProtobuf decoding error.
  private static func describe(_ error: any Error) -> String {
    switch error as? BinaryDecodingError {
    case .truncated?: "the data ends in the middle of a field (the file is truncated)"
    case .malformedProtobuf?: "the data is not valid protobuf (the file is damaged or of another kind)"
    case .invalidUTF8?: "a text field is not valid UTF-8 (the file is damaged or of another kind)"
    case .messageDepthLimit?: "messages are nested too deeply"
    default: String(describing: error)
    }
  }
}

/// Why a decoded entity is unusable.
private enum EntityProblem: Error {
  case missingName(String)
  case wrongType(String, Flyteidl_Core_ResourceType, expected: Flyteidl_Core_ResourceType)

  var code: PackageError.Code { .invalidEntity }

  func message(for kind: EntityFileKind) -> String {
    switch self {
    case .missingName(let field):
      "decodes as \(kind.messageName) but has no name in \(field); the file is empty, damaged"
        + " or not a \(kind.noun) file"
    case .wrongType(let field, let found, let expected):
      "\(field) has resource type \(found), expected \(expected) in a \(kind.suffix) file;"
        + " the file is misnamed or not a \(kind.noun) file"
    }
  }
}
