import FlyteIDL
import VaneModel
import VanePlugins

/// What a job's entrypoint reserves on the node that runs it (`entrypoint_num_cpus`,
/// `entrypoint_num_gpus`, `entrypoint_memory`, `entrypoint_resources`). Ray places the
/// entrypoint on a node with that much free; with nothing reserved it runs on the head node.
public struct RayEntrypointResources: Hashable, Sendable {
  /// Cores, fractions allowed (`0.25`).
  public var cpus: Double?
  /// GPUs, fractions allowed.
  public var gpus: Double?
  /// Bytes of memory.
  public var memoryBytes: Int64?
  /// Custom resources by name (e.g. a resource only some nodes have).
  public var custom: [String: Double]

  public init(cpus: Double? = nil, gpus: Double? = nil, memoryBytes: Int64? = nil, custom: [String: Double] = [:]) {
    self.cpus = cpus
    self.gpus = gpus
    self.memoryBytes = memoryBytes
    self.custom = custom
  }

  /// Whether nothing is reserved.
  public var isEmpty: Bool { cpus == nil && gpus == nil && memoryBytes == nil && custom.isEmpty }

  /// What a container asks for — each of cpu, gpu and memory from its requests, else its limits
  /// (as Kubernetes defaults a missing request to the limit) — over `defaults` for what it
  /// does not say, plus the `custom` resources.
  static func requested(
    by resources: Flyteidl_Core_Resources, defaults: RayEntrypointResources
  ) throws(RayPluginError) -> RayEntrypointResources {
    var amount = defaults
    if let text = ResourceAmount.quantity(.cpu, in: resources) {
      guard let millicores = ResourceQuantity.cpuMillicores(text) else {
        throw RayPluginError(.invalidResources, "cpu request '\(text)' is not a quantity; write e.g. \"500m\" or \"2\"")
      }
      amount.cpus = Double(millicores) / 1000
    }
    if let text = ResourceAmount.quantity(.gpu, in: resources) {
      guard let gpus = ResourceQuantity.value(text) else {
        throw RayPluginError(.invalidResources, "gpu request '\(text)' is not a quantity; write e.g. \"1\"")
      }
      amount.gpus = gpus
    }
    if let text = ResourceAmount.quantity(.memory, in: resources) {
      guard let bytes = ResourceQuantity.memoryBytes(text) else {
        throw RayPluginError(
          .invalidResources, "memory request '\(text)' is not a quantity; write e.g. \"512Mi\" or \"1Gi\"")
      }
      amount.memoryBytes = bytes
    }
    return amount
  }
}
