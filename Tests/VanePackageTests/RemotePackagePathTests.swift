import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneModel
import VanePackage

@Suite struct RemotePackagePathTests {
  private let scope = RegistrationScope(project: "p", domain: "d", version: "v")

  @Test func replacesThePlaceholderInAFastPackage() throws {
    let package = try PackageLoader().load(from: TestSupport.fixture("nested-fast.tgz"))
    let uri = "file:///data/code/fastbf149b28d41a85dc5ca3adb5fcadda5d.tar.gz"
    let resolved = package.resolvingRemotePackagePath(uri)
    for task in resolved.tasks {
      let args = task.template.container.args
      #expect(args.contains(uri), "\(task.template.id.name)")
      #expect(!args.contains { $0.lowercased().contains("remote_package_path") })
      #expect(args.contains("{{.input}}"))  // other template variables are left for run time
    }
    #expect(resolved.entityNames == package.entityNames)
    #expect(resolved.codeArchive == package.codeArchive)
    #expect(package.tasksResolvingRemotePackagePath(uri) == resolved.tasks)
    // The original is unchanged.
    #expect(package.tasks.allSatisfy { $0.template.container.args.contains("{{ .remote_package_path }}") })
  }

  @Test(arguments: [
    "{{ .remote_package_path }}", "{{.remote_package_path}}", "{{  .Remote_Package_Path  }}",
    "{{$remote_package_path}}",
    "--dist={{ .remote_package_path }}",
  ])
  func matchesAnySpacingAndCase(arg: String) {
    let task = SampleEntities.task("t", args: ["pyflyte-fast-execute", arg, "{{ .dest_dir }}", "{{.remote_package}}"])
    let package = FlytePackage(source: "test", scope: scope, tasks: [task], workflows: [], launchPlans: [])
    let args = package.resolvingRemotePackagePath("s3://bucket/code.tar.gz", destinationDirectory: "/work").tasks[0]
      .template.container.args
    #expect(args[1].hasSuffix("s3://bucket/code.tar.gz"))
    #expect(
      args[1]
        == arg.replacingOccurrences(of: #"\{\{.*\}\}"#, with: "s3://bucket/code.tar.gz", options: .regularExpression))
    #expect(args[2] == "/work")
    #expect(args[3] == "{{.remote_package}}")
  }

  @Test func replacesInsidePodSpecsAndNodeOverrides() throws {
    let podSpec = try Google_Protobuf_Struct(
      jsonString: #"{"containers":[{"name":"primary","args":["run","{{ .remote_package_path }}"]}]}"#)
    var task = SampleEntities.task("pod.task")
    var pod = Flyteidl_Core_K8sPod()
    pod.podSpec = podSpec
    task.template.k8SPod = pod

    var node = SampleEntities.taskNode("n0", "pod.task")
    var taskNode = node.taskNode
    taskNode.overrides.podTemplate = pod
    node.taskNode = taskNode
    var branch = Flyteidl_Core_Node()
    branch.id = "b"
    branch.branchNode.ifElse.case.thenNode = node
    let workflow = SampleEntities.workflow("wf", nodes: [branch])

    let package = FlytePackage(source: "test", scope: scope, tasks: [task], workflows: [workflow], launchPlans: [])
    let resolved = package.resolvingRemotePackagePath("s3://b/c.tgz")
    let taskJSON = try resolved.tasks[0].template.k8SPod.podSpec.jsonString()
    #expect(taskJSON.contains("s3://b/c.tgz") && !taskJSON.contains("remote_package_path"))
    let overridden = resolved.workflows[0].template.nodes[0].branchNode.ifElse.case.thenNode.taskNode.overrides
    let nodeJSON = try overridden.podTemplate.podSpec.jsonString()
    #expect(nodeJSON.contains("s3://b/c.tgz") && !nodeJSON.contains("remote_package_path"))
  }
}
