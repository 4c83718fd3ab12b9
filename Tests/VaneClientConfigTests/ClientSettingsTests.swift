import Foundation
import Testing
import VaneClientConfig
import VaneTesting

@Suite struct ClientSettingsTests {
  /// A home directory with `.flyte/config.yaml` holding `text`, and a named config file.
  func home(flyte text: String?) throws -> (home: String, named: String) {
    let directory = try TemporaryDirectory().url
    if let text {
      try FileManager.default.createDirectory(
        at: directory.appendingPathComponent(".flyte"), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: directory.appendingPathComponent(".flyte/config.yaml"))
    }
    let named = directory.appendingPathComponent("named.yaml")
    try Data("admin:\n  endpoint: dns:///named:2\n  insecure: true\n".utf8).write(to: named)
    return (directory.path, named.path)
  }

  @Test func theFlagBeatsTheEnvironmentWhichBeatsTheConfig() throws {
    let (home, named) = try home(flyte: nil)
    let environment = ["VANE_ENDPOINT": "env:3", "FLYTECTL_CONFIG": named]
    var settings = ClientSettings(endpointFlag: "flag:1", configFlag: nil, environment: environment, home: home)
    #expect(try settings.resolve().address == ServerAddress(host: "flag", port: 1))
    #expect(try settings.resolve().source == "--endpoint")
    settings.endpointFlag = nil
    #expect(try settings.resolve().address == ServerAddress(host: "env", port: 3))
    settings.environment["VANE_ENDPOINT"] = ""
    let resolved = try settings.resolve()
    #expect(resolved.address == ServerAddress(host: "named", port: 2))
    #expect(resolved.source == "\(named): admin.endpoint")
    // The config's TLS setting applies whichever way the endpoint was chosen.
    #expect(resolved.config.insecure)
  }

  @Test func theConfigFlagBeatsFlytectlConfigWhichBeatsTheHomeDirectory() throws {
    let (home, named) = try home(flyte: "admin:\n  endpoint: home:4\n")
    var settings = ClientSettings(endpointFlag: nil, configFlag: nil, environment: [:], home: home)
    #expect(settings.configChoice?.named == false)
    #expect(try settings.resolve().address == ServerAddress(host: "home", port: 4))
    #expect(settings.namesServer == false)
    settings.environment["FLYTECTL_CONFIG"] = named
    #expect(settings.configChoice == .init(path: named, named: true))
    #expect(try settings.resolve().address == ServerAddress(host: "named", port: 2))
    #expect(settings.namesServer)
    let other = home + "/other.yaml"
    try Data("admin:\n  endpoint: other:5\n".utf8).write(to: URL(fileURLWithPath: other))
    settings.configFlag = other
    #expect(try settings.resolve().address == ServerAddress(host: "other", port: 5))
  }

  @Test func withoutAnythingTheDefaultEndpoint() throws {
    let (home, _) = try home(flyte: nil)
    let settings = ClientSettings(endpointFlag: nil, configFlag: nil, environment: [:], home: home)
    #expect(settings.configChoice == nil)
    #expect(try settings.resolve().address == ClientSettings.defaultEndpoint)
    #expect(try settings.resolve().config.insecure)
    #expect(settings.namesServer == false)
  }

  @Test func aBadConfigIsAConfigErrorEvenWithAnEndpointFlag() throws {
    let (home, _) = try home(flyte: "admin:\n  insecure: perhaps\n")
    let settings = ClientSettings(endpointFlag: "h:1", configFlag: nil, environment: [:], home: home)
    #expect(
      throws: ClientSettingsError.badConfig(
        ClientConfigError(
          path: home + "/.flyte/config.yaml", key: "admin.insecure", problem: "'perhaps' is not true or false"))
    ) { try settings.resolve() }
  }

  @Test func aMissingNamedConfigSaysSo() throws {
    let settings = ClientSettings(
      endpointFlag: nil, configFlag: "/nonexistent/c.yaml", environment: [:], home: nil)
    #expect(
      throws: ClientSettingsError.badConfig(
        ClientConfigError(path: "/nonexistent/c.yaml", key: nil, problem: "no such file"))
    ) { try settings.resolve() }
  }

  @Test func aBadFlagIsAUsageErrorAndABadVariableAConfigError() throws {
    let flag = ClientSettings(endpointFlag: "nope", configFlag: nil, environment: [:], home: nil)
    #expect(
      throws: ClientSettingsError.badFlag(
        "--endpoint 'nope' is not an endpoint; write host:port, e.g. 127.0.0.1:8089")
    ) { try flag.resolve() }
    let variable = ClientSettings(endpointFlag: nil, configFlag: nil, environment: ["VANE_ENDPOINT": "x"], home: nil)
    do {
      _ = try variable.resolve()
      Issue.record("accepted VANE_ENDPOINT=x")
    } catch {
      guard case .badConfig(let config) = error else { return #expect(Bool(false), "\(error)") }
      #expect(config.path == "$VANE_ENDPOINT")
    }
  }
}
