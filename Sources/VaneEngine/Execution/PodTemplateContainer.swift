public import FlyteIDL
import SwiftProtobuf

/// The container a pod template runs its task in, read from the pod spec (a JSON-like
/// `Struct`): the container named by `primary_container_name` — its image, command, args,
/// environment (`value`s; `valueFrom` needs a cluster) and resources. A task with a pod
/// template (`k8s_pod` target) runs locally as that container; everything else in the pod spec
/// (tolerations, node selectors, sidecars, volumes) only means something on Kubernetes.
/// Pure: nil when the spec has no such container or it is malformed.
public enum PodTemplateContainer {
  /// The container of `pod` named `primary`.
  public static func container(of pod: Flyteidl_Core_K8sPod, primary: String) -> Flyteidl_Core_Container? {
    guard case .listValue(let containers)? = pod.podSpec.fields["containers"]?.kind else { return nil }
    for value in containers.values {
      guard case .structValue(let fields)? = value.kind, string(fields.fields["name"]) == primary else { continue }
      return container(fields.fields)
    }
    return nil
  }

  /// The primary container's name: the task's `primary_container_name` config, else the pod's.
  public static func primaryName(of task: Flyteidl_Core_TaskTemplate) -> String {
    let configured = task.config["primary_container_name"] ?? ""
    return configured.isEmpty ? task.k8SPod.primaryContainerName : configured
  }

  private static func container(_ fields: [String: Google_Protobuf_Value]) -> Flyteidl_Core_Container {
    var container = Flyteidl_Core_Container()
    container.image = string(fields["image"]) ?? ""
    container.command = strings(fields["command"])
    container.args = strings(fields["args"])
    if case .listValue(let list)? = fields["env"]?.kind {
      for item in list.values {
        guard case .structValue(let variable)? = item.kind, let name = string(variable.fields["name"]), !name.isEmpty
        else { continue }
        var pair = Flyteidl_Core_KeyValuePair()
        pair.key = name
        pair.value = string(variable.fields["value"]) ?? ""
        container.env.append(pair)
      }
    }
    if case .structValue(let resources)? = fields["resources"]?.kind {
      container.resources.requests = entries(resources.fields["requests"])
      container.resources.limits = entries(resources.fields["limits"])
    }
    return container
  }

  /// Kubernetes resource names as Flyte maps them.
  private static func name(_ key: String) -> Flyteidl_Core_Resources.ResourceName? {
    switch key {
    case "cpu": .cpu
    case "memory": .memory
    case "ephemeral-storage": .ephemeralStorage
    case "storage": .storage
    case "gpu", "nvidia.com/gpu", "amd.com/gpu": .gpu
    default: nil
    }
  }

  private static func entries(_ value: Google_Protobuf_Value?) -> [Flyteidl_Core_Resources.ResourceEntry] {
    guard case .structValue(let map)? = value?.kind else { return [] }
    return map.fields.keys.sorted().compactMap { key in
      guard let name = name(key), let quantity = quantity(map.fields[key]) else { return nil }
      var entry = Flyteidl_Core_Resources.ResourceEntry()
      entry.name = name
      entry.value = quantity
      return entry
    }
  }

  private static func quantity(_ value: Google_Protobuf_Value?) -> String? {
    switch value?.kind {
    case .stringValue(let text)?: text
    case .numberValue(let number)?: number == number.rounded() ? String(Int64(number)) : String(number)
    default: nil
    }
  }

  private static func string(_ value: Google_Protobuf_Value?) -> String? {
    guard case .stringValue(let text)? = value?.kind else { return nil }
    return text
  }

  private static func strings(_ value: Google_Protobuf_Value?) -> [String] {
    guard case .listValue(let list)? = value?.kind else { return [] }
    return list.values.compactMap { string($0) }
  }
}
