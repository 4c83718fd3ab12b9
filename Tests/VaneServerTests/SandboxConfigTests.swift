import Foundation
import Testing
import VaneServer

@Suite struct SandboxConfigTests {
  @Test func theSandboxSection() throws {
    #expect(!Config().sandbox.enabled)
    #expect(Config().sandbox.network)
    let config = try ConfigReader.decode(
      """
      sandbox:
        enabled: true
        network: false
        uid: 1000
        gid: 100
        read_only_paths: /models, /datasets/shared
        hidden_paths: /srv/private
        executable: /usr/local/bin/bwrap
      """)
    let sandbox = config.sandbox
    #expect(sandbox.enabled)
    #expect(!sandbox.network)
    #expect(sandbox.uid == 1000)
    #expect(sandbox.gid == 100)
    #expect(sandbox.readOnlyPaths == ["/models", "/datasets/shared"])
    #expect(sandbox.hiddenPaths == ["/srv/private"])
    #expect(sandbox.executable == "/usr/local/bin/bwrap")
    let fromEnvironment = try ConfigReader.load(
      path: nil, environment: ["VANE_SANDBOX_ENABLED": "yes", "VANE_SANDBOX_NETWORK": "off"])
    #expect(fromEnvironment.sandbox.enabled && !fromEnvironment.sandbox.network)
  }

  @Test(arguments: [
    ("sandbox:\n  enabled: sometimes\n", ConfigError.Code.wrongType, "sandbox.enabled"),
    ("sandbox:\n  uid: -1\n", .invalidValue, "sandbox.uid"),
    ("sandbox:\n  gid: 4294967295\n", .invalidValue, "sandbox.gid"),
    ("sandbox:\n  read_only_paths: models\n", .invalidValue, "sandbox.read_only_paths"),
    ("sandbox:\n  hidden_paths: /a, b\n", .invalidValue, "sandbox.hidden_paths"),
  ])
  func badValuesNameTheKey(text: String, code: ConfigError.Code, key: String) {
    #expect {
      _ = try ConfigReader.decode(text, file: "vane.yaml")
    } throws: { error in
      guard let error = error as? ConfigError else { return false }
      return error.code == code && error.key == key && error.location == "vane.yaml:2"
    }
  }
}
