public import FlyteIDL
import VaneModel

/// A `TASK_RESOURCE` matchable attribute applied to the tasks an execution runs, as
/// FlyteAdmin's `setCompiledTaskDefaults` at `CreateExecution`: for cpu and memory (and
/// ephemeral storage and gpu when the task or the defaults name them) the request is the
/// task's request, else its limit, else the attribute's default; the limit is the task's
/// limit, else the request; then both are capped at the attribute's limit and the request at
/// the limit. Pure; tasks without a container (and so without resources) are left alone.
///
/// Differs from FlyteAdmin: a resource that ends up zero is left out rather than written as
/// `0` (Vane's own defaults then apply), and resources other than the four are kept.
public enum TaskResourceDefaults {
  public static func apply(
    _ attributes: Flyteidl_Admin_TaskResourceAttributes, to closure: inout Flyteidl_Core_CompiledWorkflowClosure
  ) {
    for index in closure.tasks.indices {
      guard case .container(var container)? = closure.tasks[index].template.target else { continue }
      container.resources = resources(container.resources, attributes)
      closure.tasks[index].template.target = .container(container)
    }
  }

  /// The task's resources with the defaults and limits applied.
  public static func resources(
    _ task: Flyteidl_Core_Resources, _ attributes: Flyteidl_Admin_TaskResourceAttributes
  ) -> Flyteidl_Core_Resources {
    typealias Name = Flyteidl_Core_Resources.ResourceName
    let named: [(Name, KeyPath<Flyteidl_Admin_TaskResourceSpec, String>, always: Bool)] = [
      (.cpu, \.cpu, true), (.memory, \.memory, true), (.ephemeralStorage, \.ephemeralStorage, false),
      (.gpu, \.gpu, false),
    ]
    var result = Flyteidl_Core_Resources()
    let handled = Set(named.map(\.0))
    result.requests = task.requests.filter { !handled.contains($0.name) }
    result.limits = task.limits.filter { !handled.contains($0.name) }
    for (name, field, always) in named {
      let request = quantity(task.requests.last { $0.name == name }?.value)
      let limit = quantity(task.limits.last { $0.name == name }?.value)
      let platformDefault = quantity(attributes.defaults[keyPath: field])
      let platformLimit = quantity(attributes.limits[keyPath: field])
      guard always || request != nil || limit != nil || platformDefault != nil else { continue }
      var finalRequest = request ?? limit ?? platformDefault
      var finalLimit = limit ?? finalRequest
      finalRequest = capped(finalRequest, at: platformLimit)
      finalLimit = capped(finalLimit, at: platformLimit)
      finalRequest = capped(finalRequest, at: finalLimit)
      if let finalRequest { result.requests.append(entry(name, finalRequest.text)) }
      if let finalLimit { result.limits.append(entry(name, finalLimit.text)) }
    }
    return result
  }

  /// A quantity's text and value; nil when empty, zero or not a quantity (as Kubernetes'
  /// `IsZero` on a failed parse).
  private static func quantity(_ text: String?) -> (text: String, value: Double)? {
    guard let text, let value = ResourceQuantity.value(text), value > 0 else { return nil }
    return (text, value)
  }

  private static func capped(
    _ value: (text: String, value: Double)?, at cap: (text: String, value: Double)?
  ) -> (text: String, value: Double)? {
    guard let value, let cap, value.value > cap.value else { return value }
    return cap
  }

  private static func entry(
    _ name: Flyteidl_Core_Resources.ResourceName, _ value: String
  )
    -> Flyteidl_Core_Resources.ResourceEntry
  {
    var entry = Flyteidl_Core_Resources.ResourceEntry()
    entry.name = name
    entry.value = value
    return entry
  }
}
