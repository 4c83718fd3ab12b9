package import FlyteIDL
import VaneModel

extension ResourceAmount {
  /// What a container asks for: each of cpu and memory from `requests`, else from `limits` (as
  /// Kubernetes defaults a missing request to the limit), else from `fallback`.
  static func requested(
    by resources: Flyteidl_Core_Resources, fallback: ResourceAmount
  ) throws(LocalProcessError) -> ResourceAmount {
    var amount = fallback
    if let cpu = quantity(.cpu, in: resources) {
      guard let millicores = ResourceQuantity.cpuMillicores(cpu) else {
        throw LocalProcessError(
          .invalidResources, "cpu request '\(cpu)' is not a quantity; write e.g. \"500m\" or \"2\"")
      }
      amount.cpuMillicores = millicores
    }
    if let memory = quantity(.memory, in: resources) {
      guard let bytes = ResourceQuantity.memoryBytes(memory) else {
        throw LocalProcessError(
          .invalidResources, "memory request '\(memory)' is not a quantity; write e.g. \"512Mi\" or \"1Gi\"")
      }
      amount.memoryBytes = bytes
    }
    return amount
  }

  /// The text of the `name` quantity a container asks for: its request, else its limit, else nil.
  package static func quantity(
    _ name: Flyteidl_Core_Resources.ResourceName, in resources: Flyteidl_Core_Resources
  ) -> String? {
    let request = resources.requests.last { $0.name == name && !$0.value.isEmpty }
    let limit = resources.limits.last { $0.name == name && !$0.value.isEmpty }
    return request?.value ?? limit?.value
  }
}
