import Testing
import VaneClientConfig

@Suite struct ServerAddressTests {
  @Test(arguments: [
    ("127.0.0.1:8089", "127.0.0.1", 8089),
    ("dns:///localhost:30080", "localhost", 30080),
    ("grpc://flyte.example.com:443", "flyte.example.com", 443),
    ("[::1]:8089", "::1", 8089),
    ("dns:///[::1]:1", "::1", 1),
  ])
  func parsesTheFormsConfigsUse(text: String, host: String, port: Int) {
    #expect(ServerAddress(parsing: text) == ServerAddress(host: host, port: port))
  }

  @Test(arguments: ["", "host", ":8089", "host:0", "host:65536", "host:http", "::1:8089", "dns:///", "a b:1", "a/b:1"])
  func refusesEverythingElse(text: String) {
    #expect(ServerAddress(parsing: text) == nil)
  }

  @Test func refusesAnOversizedEndpoint() {
    #expect(ServerAddress(parsing: String(repeating: "a", count: 2000) + ":1") == nil)
  }

  @Test func describesIPv6InBrackets() {
    #expect(ServerAddress(host: "::1", port: 8089).description == "[::1]:8089")
    #expect(ServerAddress(host: "h", port: 1).description == "h:1")
  }
}
