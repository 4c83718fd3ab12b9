import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneEngine

@Suite struct PodTemplateContainerTests {
  /// A K8sPod whose spec is `json` (a pod spec as flytekit writes it).
  func pod(_ json: String, primary: String = "") throws -> Flyteidl_Core_K8sPod {
    var pod = Flyteidl_Core_K8sPod()
    pod.podSpec = try Google_Protobuf_Struct(jsonString: json)
    pod.primaryContainerName = primary
    return pod
  }

  @Test func readsThePrimaryContainerAndIgnoresTheRest() throws {
    let spec = """
      {"containers": [
        {"name": "sidecar", "image": "envoy", "args": ["run"]},
        {"name": "primary", "image": "py:3.11", "command": [], "args": ["pyflyte-execute", "--inputs", "{{.input}}"],
         "env": [{"name": "A", "value": "1"}, {"name": "B", "valueFrom": {"secretKeyRef": {}}}, {"value": "x"}],
         "resources": {"requests": {"cpu": "500m", "memory": "1Gi", "nvidia.com/gpu": 1, "example.com/foo": "2"},
                       "limits": {"memory": "2Gi"}}}],
       "tolerations": [{"key": "gpu", "operator": "Exists"}]}
      """
    let container = try #require(PodTemplateContainer.container(of: try pod(spec), primary: "primary"))
    #expect(container.image == "py:3.11")
    #expect(container.args == ["pyflyte-execute", "--inputs", "{{.input}}"])
    #expect(container.env.map { "\($0.key)=\($0.value)" } == ["A=1", "B="])
    #expect(container.resources.requests.map(\.name) == [.cpu, .memory, .gpu])
    #expect(container.resources.requests.map(\.value) == ["500m", "1Gi", "1"])
    #expect(container.resources.limits.map(\.value) == ["2Gi"])
  }

  @Test func noPrimaryContainerOrAMalformedSpecIsNil() throws {
    #expect(PodTemplateContainer.container(of: try pod(#"{"containers": [{"name": "other"}]}"#), primary: "p") == nil)
    #expect(PodTemplateContainer.container(of: try pod(#"{"containers": "primary"}"#), primary: "primary") == nil)
    #expect(PodTemplateContainer.container(of: try pod("{}"), primary: "primary") == nil)
  }

  @Test func thePrimaryNameComesFromTheTaskConfigElseThePod() throws {
    var task = Flyteidl_Core_TaskTemplate()
    task.k8SPod = try pod("{}", primary: "from-pod")
    #expect(PodTemplateContainer.primaryName(of: task) == "from-pod")
    task.config["primary_container_name"] = "from-config"
    #expect(PodTemplateContainer.primaryName(of: task) == "from-config")
  }
}
