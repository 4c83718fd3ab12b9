import FlyteIDL
import FlyteIDLGRPC
import Foundation
import GRPCCore
import Testing
import VaneAdmin
import VaneServer

/// Regression (issue 9, load): `ListTasks(limit=100)` over large tasks was one 720 MiB answer.
/// A page now stops at the response budget (`limits.response_bytes`, 16 MiB by default) with
/// a token for the rest; here a 1 MiB budget over 200 KiB tasks.
@Suite struct ListBudgetTests {
  @Test func aListPageStopsAtTheByteBudgetAndPagingReachesEveryEntity() async throws {
    try await AdminHarness.run(budget: ResponseBudget(bytes: 1 << 20)) { admin, _, _ in
      let padding = String(repeating: "x", count: 200 << 10)
      for index in 0..<8 {
        var request = taskRequest("wf.big\(index)")
        request.spec.description_p.longDescription.value = padding
        _ = try await admin.createTask(request)
      }
      var seen: [String] = []
      var token = ""
      var pages = 0
      repeat {
        var request = listRequest()
        request.limit = 100
        request.token = token
        let page = try await admin.listTasks(request)
        #expect(!page.tasks.isEmpty)
        #expect(page.tasks.count <= 5)  // 5 × 200 KiB fit 1 MiB, a sixth would not
        seen += page.tasks.map(\.id.name)
        token = page.token
        pages += 1
      } while !token.isEmpty && pages < 10
      #expect(Set(seen).count == 8 && seen.count == 8)
      #expect(pages >= 2)
    }
  }
}
