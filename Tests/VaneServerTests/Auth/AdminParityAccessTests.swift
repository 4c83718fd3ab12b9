import FlyteIDL
import Testing
import VaneAdmin

@testable import VaneServer

/// The role checks of the issue #10 methods: each request names its project where the
/// interceptor looks, and the methods that change state need `write`.
@Suite struct AdminParityAccessTests {
  @Test func everyRequestNamesItsProject() {
    var get = Flyteidl_Admin_NamedEntityGetRequest()
    get.id.project = "a"
    #expect(ProjectReferences.of(get) == ["a"])
    var update = Flyteidl_Admin_NamedEntityUpdateRequest()
    update.id.project = "b"
    #expect(ProjectReferences.of(update) == ["b"])
    var list = Flyteidl_Admin_NamedEntityListRequest()
    list.project = "c"
    #expect(ProjectReferences.of(list) == ["c"])
    var archive = Flyteidl_Admin_ExecutionUpdateRequest()
    archive.id.project = "d"
    #expect(ProjectReferences.of(archive) == ["d"])
    var metrics = Flyteidl_Admin_WorkflowExecutionGetMetricsRequest()
    metrics.id.project = "e"
    #expect(ProjectReferences.of(metrics) == ["e"])
  }

  @Test(arguments: [
    ("ListNamedEntities", Role.read), ("GetNamedEntity", .read), ("GetExecutionMetrics", .read),
    ("UpdateNamedEntity", .write), ("UpdateExecution", .write),
  ])
  func changesNeedWriteAndReadsRead(method: String, role: Role) {
    let access = MethodAccess.of(method: method)
    #expect(access.role == role)
    #expect(!access.projectFree)
  }
}
