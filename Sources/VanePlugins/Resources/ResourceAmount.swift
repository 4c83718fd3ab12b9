/// An amount of machine resources: cpu in millicores and memory in bytes.
public struct ResourceAmount: Hashable, Sendable, CustomStringConvertible {
  /// Cpu in thousandths of a core (`500m` is 500, `2` is 2000).
  public var cpuMillicores: Int64
  /// Memory in bytes.
  public var memoryBytes: Int64

  /// Creates an amount.
  public init(cpuMillicores: Int64, memoryBytes: Int64) {
    self.cpuMillicores = cpuMillicores
    self.memoryBytes = memoryBytes
  }

  /// No cpu and no memory.
  public static let zero = ResourceAmount(cpuMillicores: 0, memoryBytes: 0)

  /// Whether `other` fits inside this amount.
  func contains(_ other: ResourceAmount) -> Bool {
    other.cpuMillicores <= cpuMillicores && other.memoryBytes <= memoryBytes
  }

  /// This amount capped at `limit`, component by component.
  func capped(at limit: ResourceAmount) -> ResourceAmount {
    ResourceAmount(
      cpuMillicores: min(cpuMillicores, limit.cpuMillicores), memoryBytes: min(memoryBytes, limit.memoryBytes))
  }

  static func + (lhs: ResourceAmount, rhs: ResourceAmount) -> ResourceAmount {
    ResourceAmount(
      cpuMillicores: lhs.cpuMillicores &+ rhs.cpuMillicores, memoryBytes: lhs.memoryBytes &+ rhs.memoryBytes)
  }

  static func - (lhs: ResourceAmount, rhs: ResourceAmount) -> ResourceAmount {
    ResourceAmount(
      cpuMillicores: lhs.cpuMillicores &- rhs.cpuMillicores, memoryBytes: lhs.memoryBytes &- rhs.memoryBytes)
  }

  public var description: String { "cpu \(cpuMillicores)m, memory \(memoryBytes) bytes" }
}
