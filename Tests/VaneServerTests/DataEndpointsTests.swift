import Testing

@testable import VaneServer

@Suite struct DataEndpointsTests {
  @Test func decksAreServedAsPages() {
    #expect(DataEndpoints.contentType(of: "/d/metadata/p-d-e/n0/data/0/deck.html") == "text/html; charset=utf-8")
    #expect(DataEndpoints.contentType(of: "/d/REPORT.HTM") == "text/html; charset=utf-8")
    #expect(DataEndpoints.contentType(of: "/d/outputs.pb") == "application/octet-stream")
  }
}
