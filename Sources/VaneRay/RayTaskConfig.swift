import FlyteIDL
import Foundation
import SwiftProtobuf
import Yams

/// What a flytekit Ray task (`@task(task_config=RayJobConfig(…))`, task type `ray`) asks of its
/// job, read from the task template's `custom` (flyteidl's `plugins.RayJob` as JSON):
///
/// - `runtimeEnv` (base64 of JSON) or `runtimeEnvYaml` → the job's `runtime_env`, as given;
/// - the cluster shape (`rayCluster`: head and worker groups, autoscaling) and
///   `shutdownAfterJobFinishes` / `ttlSecondsAfterFinished` describe a cluster made for the
///   job (KubeRay); on a shared cluster they do not apply and are not read.
///
/// The entrypoint's own reservation comes from the task's resource requests, as for any task.
struct RayTaskConfig: Hashable, Sendable {
  /// The job's runtime environment as a JSON object, or nil for none.
  var runtimeEnvironment: Data?

  /// Reads `custom`; throws when the runtime env is set but is not an object.
  init(custom: Google_Protobuf_Struct) throws(RayPluginError) {
    if let encoded = Self.text(custom, "runtimeEnv") ?? Self.text(custom, "runtime_env") {
      guard let json = Data(base64Encoded: encoded) else {
        throw RayPluginError(.invalidTaskConfig, "the Ray task's runtimeEnv is not base64 text")
      }
      runtimeEnvironment = try Self.object(json, from: "runtimeEnv")
    } else if let yaml = Self.text(custom, "runtimeEnvYaml") ?? Self.text(custom, "runtime_env_yaml") {
      let loaded: Any?
      do {
        loaded = try Yams.load(yaml: yaml)
      } catch {
        throw RayPluginError(.invalidTaskConfig, "the Ray task's runtimeEnvYaml is not YAML: \(error)")
      }
      guard let mapping = loaded.map(Self.jsonCompatible) as? [String: Any],
        let json = try? JSONSerialization.data(withJSONObject: mapping, options: [.sortedKeys])
      else {
        throw RayPluginError(.invalidTaskConfig, "the Ray task's runtimeEnvYaml is not a mapping")
      }
      runtimeEnvironment = json
    } else {
      runtimeEnvironment = nil
    }
  }

  private static func text(_ custom: Google_Protobuf_Struct, _ key: String) -> String? {
    guard case .stringValue(let text)? = custom.fields[key]?.kind, !text.isEmpty else { return nil }
    return text
  }

  private static func object(_ json: Data, from field: String) throws(RayPluginError) -> Data {
    guard let value = try? JSONSerialization.jsonObject(with: json), value is [String: Any] else {
      throw RayPluginError(.invalidTaskConfig, "the Ray task's \(field) is not a JSON object")
    }
    return json
  }

  /// YAML values as JSON can hold them: timestamps and other scalars become text.
  private static func jsonCompatible(_ value: Any) -> Any {
    switch value {
    case let mapping as [String: Any]: mapping.mapValues(jsonCompatible)
    case let mapping as [AnyHashable: Any]:
      Dictionary(mapping.map { ("\($0.key)", jsonCompatible($0.value)) }, uniquingKeysWith: { first, _ in first })
    case let sequence as [Any]: sequence.map(jsonCompatible)
    case is String, is Int, is Double, is Bool, is NSNull: value
    default: "\(value)"
    }
  }
}
