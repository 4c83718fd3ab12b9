import Foundation
import Testing
import VaneAdmin

@Suite struct AuthorizationPolicyTests {
  let policy = AuthorizationPolicy()
  let writerOfA = Principal(subject: "ci", issuer: "vane", roles: ["a": .write])

  @Test func methodsAreClassifiedByName() {
    #expect(MethodAccess.of(method: "GetExecution") == MethodAccess(role: .read, projectFree: false))
    #expect(MethodAccess.of(method: "ListTasks").role == .read)
    #expect(MethodAccess.of(method: "CreateExecution").role == .write)
    #expect(MethodAccess.of(method: "SomeMethodAddedLater").role == .write)
    #expect(MethodAccess.of(method: "UpdateProjectDomainAttributes").role == .admin)
    #expect(MethodAccess.of(method: "CreateDownloadLink").role == .read)
    #expect(MethodAccess.of(method: "GetVersion").projectFree)
    #expect(MethodAccess.of(method: "CreateExecution").mutates)
    #expect(!MethodAccess.of(method: "ListExecutions").mutates)
  }

  @Test func noPrincipalIsUnauthenticated() {
    guard case .unauthenticated = policy.decide(nil, method: "ListProjects", projects: []) else {
      Issue.record("expected unauthenticated")
      return
    }
  }

  @Test func aRoleInOneProjectIsDeniedInAnother() {
    #expect(policy.decide(writerOfA, method: "CreateExecution", projects: ["a"]) == .allow)
    #expect(policy.decide(writerOfA, method: "GetExecution", projects: ["a"]) == .allow)
    let denied = policy.decide(writerOfA, method: "GetExecution", projects: ["b"])
    #expect(denied == .denied("ci needs the read role in project 'b' for GetExecution"))
    // Every project named must allow it.
    #expect(!policy.decide(writerOfA, method: "CreateExecution", projects: ["a", "b"]).isAllowed)
    // Write does not include admin.
    #expect(!policy.decide(writerOfA, method: "UpdateProject", projects: ["a"]).isAllowed)
  }

  @Test func anUnscopedRequestNeedsTheRoleEverywhere() {
    #expect(!policy.decide(writerOfA, method: "CreateSomethingGlobal", projects: []).isAllowed)
    let everywhere = Principal(subject: "ops", issuer: "vane", roles: ["*": .write, "a": .admin])
    #expect(policy.decide(everywhere, method: "CreateSomethingGlobal", projects: []) == .allow)
    #expect(everywhere.role(in: "a") == .admin)
    #expect(everywhere.role(in: "z") == .write)
    #expect(policy.decide(writerOfA, method: "GetVersion", projects: []) == .allow)
  }

  @Test func rolesAreOrdered() {
    #expect(Role.read < Role.write && Role.write < Role.admin)
    #expect(Role(name: "ADMIN") == .admin && Role(name: "owner") == nil)
  }

  @Test func auditRecordsAreOneJSONLine() {
    let record = AuditRecord(
      time: .init(timeIntervalSince1970: 0), subject: "a\"b", issuer: "vane", peer: "ipv4:1", transport: "grpc",
      action: "CreateTask", projects: ["p"], outcome: .denied, detail: "line\nbreak\u{1}")
    #expect(
      record.jsonLine
        == #"{"time":"1970-01-01T00:00:00.000Z","subject":"a\"b","issuer":"vane","peer":"ipv4:1","transport":"grpc","action":"CreateTask","projects":["p"],"outcome":"denied","detail":"line\nbreak\u0001"}"#
    )
  }
}
