import Foundation
import SwiftProtobuf
import Testing

@testable import VaneRay

@Suite struct RayTaskConfigTests {
  func custom(_ fields: [String: String]) -> Google_Protobuf_Struct {
    var custom = Google_Protobuf_Struct()
    for (key, value) in fields { custom.fields[key] = Google_Protobuf_Value(stringValue: value) }
    var cluster = Google_Protobuf_Struct()
    cluster.fields["enableAutoscaling"] = Google_Protobuf_Value(boolValue: false)
    custom.fields["rayCluster"] = Google_Protobuf_Value(structValue: cluster)
    return custom
  }

  func object(_ data: Data?) throws -> [String: Any] {
    let data = try #require(data)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test func theRuntimeEnvComesFromFlytekitsBase64JSON() throws {
    let json = #"{"env_vars": {"A": "$HOME"}, "pip": ["numpy==2.0"], "config": {"setup_timeout_seconds": 60}}"#
    let config = try RayTaskConfig(
      custom: custom(["runtimeEnv": Data(json.utf8).base64EncodedString(), "runtimeEnvYaml": "ignored: true"]))
    let runtime = try object(config.runtimeEnvironment)
    #expect((runtime["env_vars"] as? [String: String]) == ["A": "$HOME"])
    #expect((runtime["pip"] as? [String]) == ["numpy==2.0"])
    #expect(((runtime["config"] as? [String: Any])?["setup_timeout_seconds"] as? Int) == 60)
  }

  @Test func yamlAloneIsReadToo() throws {
    let yaml = "env_vars:\n  A: b\nconfig:\n  setup_timeout_seconds: 60\n"
    let runtime = try object(try RayTaskConfig(custom: custom(["runtimeEnvYaml": yaml])).runtimeEnvironment)
    #expect((runtime["env_vars"] as? [String: String]) == ["A": "b"])
    #expect(((runtime["config"] as? [String: Any])?["setup_timeout_seconds"] as? Int) == 60)
  }

  @Test func noRuntimeEnvMeansNone() throws {
    #expect(try RayTaskConfig(custom: custom([:])).runtimeEnvironment == nil)
    #expect(try RayTaskConfig(custom: Google_Protobuf_Struct()).runtimeEnvironment == nil)
  }

  @Test func badRuntimeEnvsAreRefusedWithTheirField() {
    for fields in [
      ["runtimeEnv": "not base64!"], ["runtimeEnv": Data("[1, 2]".utf8).base64EncodedString()],
      ["runtimeEnv": Data("{".utf8).base64EncodedString()], ["runtimeEnvYaml": "- a\n- b\n"],
      ["runtimeEnvYaml": "a: [b"],
    ] {
      do {
        _ = try RayTaskConfig(custom: custom(fields))
        Issue.record("accepted \(fields)")
      } catch {
        #expect(error.code == .invalidTaskConfig)
        #expect(error.message.contains("runtimeEnv"))
      }
    }
  }
}
