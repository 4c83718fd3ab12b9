import Testing

@testable import VaneRay

@Suite struct RayAddressTests {
  @Test func addressesAreHTTPURLsWithAHost() throws {
    let address = try #require(RayAddress("http://head:8265/"))
    #expect(address.base == "http://head:8265")
    #expect(address.job("e1-n0-0") == "http://head:8265/api/jobs/e1-n0-0")
    #expect(address.stop("a b") == "http://head:8265/api/jobs/a%20b/stop")
    #expect(RayAddress("https://ray.example.org/prefix")?.jobs == "https://ray.example.org/prefix/api/jobs/")
    for bad in ["", "head:8265", "ftp://head", "http://", "http://head:8265?x=1", "http://u:p@head"] {
      #expect(RayAddress(bad) == nil, "\(bad)")
    }
  }

  @Test func logLinksLeadBackToTheirJob() throws {
    let address = try #require(RayAddress("http://127.0.0.1:8265"))
    let link = try #require(RayAddress.logLink(address.logs("e1-n0-0 x")))
    #expect(link.address == address)
    #expect(link.submissionID == "e1-n0-0 x")
    #expect(RayAddress.logLink("file:///tmp/stdout.log") == nil)
    #expect(RayAddress.logLink("http://h/api/jobs//logs") == nil)
    #expect(RayAddress.logLink("http://h/api/jobs/a/b/logs") == nil)
  }
}
