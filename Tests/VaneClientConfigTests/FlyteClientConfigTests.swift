import Testing
import VaneClientConfig

@Suite struct FlyteClientConfigTests {
  @Test func readsTheConfigVaneServeWrites() throws {
    let text = """
      admin:
        endpoint: dns:///127.0.0.1:30080
        insecure: true
        authType: ClientSecret
        clientId: admin
        clientSecretLocation: /data/auth/admin.secret
      console:
        endpoint: http://127.0.0.1:8088
      """
    let config = try FlyteClientConfig.parse(text, path: "c.yaml")
    #expect(config.endpoint == ServerAddress(host: "127.0.0.1", port: 30080))
    #expect(config.insecure)
    #expect(config.authType == "ClientSecret")
    #expect(config.clientID == "admin")
    #expect(config.clientSecretLocation == "/data/auth/admin.secret")
  }

  @Test func tlsIsTheDefaultAsInFlytekit() throws {
    let config = try FlyteClientConfig.parse("admin:\n  endpoint: flyte.example.com:443\n", path: "c.yaml")
    #expect(config.insecure == false)
    #expect(config.endpoint == ServerAddress(host: "flyte.example.com", port: 443))
  }

  @Test func anEmptyFileOrOtherSectionsOnlyGiveNothing() throws {
    #expect(try FlyteClientConfig.parse("", path: "c.yaml") == FlyteClientConfig())
    #expect(try FlyteClientConfig.parse("storage:\n  type: s3\n", path: "c.yaml") == FlyteClientConfig())
    #expect(try FlyteClientConfig.parse("admin:\n", path: "c.yaml") == FlyteClientConfig())
  }

  @Test(arguments: [
    ("admin:\n  endpoint: nowhere\n", "admin.endpoint"),
    ("admin:\n  endpoint: host:99999\n", "admin.endpoint"),
    ("admin:\n  insecure: maybe\n", "admin.insecure"),
    ("admin:\n  authType: Magic\n", "admin.authType"),
    ("admin:\n  authType: ClientSecret\n", "admin.clientId"),
    ("admin:\n  endpoint: [a, b]\n", "admin.endpoint"),
    ("admin: 3\n", "admin"),
  ])
  func aWrongValueNamesTheFileAndKey(text: String, key: String) {
    #expect(throws: ClientConfigError.self) { try FlyteClientConfig.parse(text, path: "/etc/my.yaml") }
    do {
      _ = try FlyteClientConfig.parse(text, path: "/etc/my.yaml")
    } catch {
      #expect(error.path == "/etc/my.yaml")
      #expect(error.key == key)
      #expect(error.description.hasPrefix("/etc/my.yaml: \(key): "))
    }
  }

  @Test func notYAMLOrNotAMappingNamesTheFile() {
    for text in ["admin: [unclosed\n", "- a list\n"] {
      do {
        _ = try FlyteClientConfig.parse(text, path: "x.yaml")
        Issue.record("accepted \(text)")
      } catch {
        #expect(error.key == nil)
        #expect(error.description.hasPrefix("x.yaml: "))
      }
    }
  }
}
