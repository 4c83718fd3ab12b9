import FlyteIDL
import Testing
import VaneAdmin

@Suite struct TaskResourceDefaultsTests {
  typealias Name = Flyteidl_Core_Resources.ResourceName

  func spec(cpu: String = "", memory: String = "", gpu: String = "") -> Flyteidl_Admin_TaskResourceSpec {
    var spec = Flyteidl_Admin_TaskResourceSpec()
    spec.cpu = cpu
    spec.memory = memory
    spec.gpu = gpu
    return spec
  }

  func attributes(
    defaults: Flyteidl_Admin_TaskResourceSpec, limits: Flyteidl_Admin_TaskResourceSpec
  )
    -> Flyteidl_Admin_TaskResourceAttributes
  {
    var attributes = Flyteidl_Admin_TaskResourceAttributes()
    attributes.defaults = defaults
    attributes.limits = limits
    return attributes
  }

  func resources(requests: [(Name, String)] = [], limits: [(Name, String)] = []) -> Flyteidl_Core_Resources {
    func entries(_ pairs: [(Name, String)]) -> [Flyteidl_Core_Resources.ResourceEntry] {
      pairs.map { pair in
        var entry = Flyteidl_Core_Resources.ResourceEntry()
        entry.name = pair.0
        entry.value = pair.1
        return entry
      }
    }
    var resources = Flyteidl_Core_Resources()
    resources.requests = entries(requests)
    resources.limits = entries(limits)
    return resources
  }

  func values(_ entries: [Flyteidl_Core_Resources.ResourceEntry]) -> [Name: String] {
    Dictionary(entries.map { ($0.name, $0.value) }) { _, last in last }
  }

  @Test func aTaskWithoutResourcesGetsTheDefaults() {
    let result = TaskResourceDefaults.resources(
      resources(), attributes(defaults: spec(cpu: "500m", memory: "1Gi"), limits: spec(cpu: "2", memory: "4Gi")))
    #expect(values(result.requests) == [.cpu: "500m", .memory: "1Gi"])
    #expect(values(result.limits) == [.cpu: "500m", .memory: "1Gi"])
  }

  @Test func theTasksOwnValuesWinButAreCappedAtTheLimits() {
    let result = TaskResourceDefaults.resources(
      resources(requests: [(.cpu, "4"), (.memory, "100Mi")], limits: [(.memory, "8Gi")]),
      attributes(defaults: spec(cpu: "500m", memory: "1Gi"), limits: spec(cpu: "2", memory: "2Gi")))
    #expect(values(result.requests) == [.cpu: "2", .memory: "100Mi"])
    #expect(values(result.limits) == [.cpu: "2", .memory: "2Gi"])
  }

  @Test func aLimitAloneBecomesTheRequestAndARequestIsNeverAboveItsLimit() {
    let result = TaskResourceDefaults.resources(
      resources(requests: [(.cpu, "1")], limits: [(.cpu, "500m"), (.memory, "3Gi")]),
      attributes(defaults: spec(memory: "1Gi"), limits: spec()))
    #expect(values(result.requests) == [.cpu: "500m", .memory: "3Gi"])
    #expect(values(result.limits) == [.cpu: "500m", .memory: "3Gi"])
  }

  @Test func gpuOnlyWhenSomeoneNamesItAndOtherResourcesAreKept() {
    let without = TaskResourceDefaults.resources(
      resources(requests: [(.storage, "10Gi")]), attributes(defaults: spec(cpu: "1"), limits: spec(gpu: "4")))
    #expect(values(without.requests) == [.cpu: "1", .storage: "10Gi"])
    let with = TaskResourceDefaults.resources(
      resources(), attributes(defaults: spec(gpu: "1"), limits: spec(gpu: "4")))
    #expect(values(with.requests) == [.gpu: "1"])
  }

  @Test func zeroOrUnreadableValuesAreLeftOut() {
    let result = TaskResourceDefaults.resources(
      resources(requests: [(.cpu, "0")]), attributes(defaults: spec(cpu: "lots", memory: "0"), limits: spec()))
    #expect(result.requests.isEmpty)
    #expect(result.limits.isEmpty)
  }

  @Test func onlyContainerTasksOfTheClosureChange() {
    var closure = Flyteidl_Core_CompiledWorkflowClosure()
    var container = Flyteidl_Core_CompiledTask()
    container.template.container = Flyteidl_Core_Container()
    var other = Flyteidl_Core_CompiledTask()
    other.template.type = "echo"
    closure.tasks = [container, other]
    TaskResourceDefaults.apply(attributes(defaults: spec(cpu: "250m"), limits: spec()), to: &closure)
    #expect(values(closure.tasks[0].template.container.resources.requests) == [.cpu: "250m"])
    #expect(closure.tasks[1] == other)
  }
}
