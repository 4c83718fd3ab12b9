import ArgumentParser
import FlyteIDL
import FlyteIDLGRPC
import GRPCCore

/// `vane describe execution X`: an execution and its node tree.
struct Describe: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show an execution of a vane serve: phase, times, error, and its node tree.",
    discussion: """
      Each node shows its phase, duration, attempts, cache status and error; nodes under \
      subworkflows, branches and dynamic nodes are indented under their parent. A server that \
      does not list node executions gets the execution-level view.
      """
  )

  enum Kind: String, ExpressibleByArgument, CaseIterable {
    case execution
  }

  @Argument(help: "What to describe: execution.")
  var kind: Kind

  @Argument(help: "The execution: NAME or PROJECT/DOMAIN/NAME.")
  var execution: String

  @OptionGroup var remote: RemoteOptions

  func run() async throws {
    let client = try remote.client()
    let id = try RemoteExecutionID.parse(execution, options: remote)
    let format = remote.output
    try await client.withAdmin { admin in
      var get = Flyteidl_Admin_WorkflowExecutionGetRequest()
      get.id = id
      let execution = try await admin.getExecution(get, options: client.options)
      let tree: [DescribedNode]?
      do {
        tree = try await ExecutionTree(admin: admin, options: client.options, execution: id).nodes(under: "")
      } catch let error as RPCError where error.code == .unimplemented {
        tree = nil
      }
      try DescribeOutput(execution: execution, nodes: tree).print(format)
    }
  }
}

/// A node execution with its attempts and the nodes under it.
struct DescribedNode {
  var node: Flyteidl_Admin_NodeExecution
  var attempts: [Flyteidl_Admin_TaskExecution]
  var children: [DescribedNode]
}

/// Walks the node executions of an execution, depth first, with ListNodeExecutions (by
/// parent) and ListTaskExecutions (attempts of task nodes).
struct ExecutionTree {
  let admin: RemoteClient.Admin
  let options: CallOptions
  let execution: Flyteidl_Core_WorkflowExecutionIdentifier

  func nodes(under parent: String, depth: Int = 0) async throws -> [DescribedNode] {
    var described: [DescribedNode] = []
    var token = ""
    repeat {
      var request = Flyteidl_Admin_NodeExecutionListRequest()
      request.workflowExecutionID = execution
      request.uniqueParentID = parent
      request.limit = 500
      request.token = token
      request.sortBy.key = "created_at"
      request.sortBy.direction = .ascending
      let page = try await admin.listNodeExecutions(request, options: options)
      for node in page.nodeExecutions where node.id.nodeID != "start-node" && node.id.nodeID != "end-node" {
        let children =
          node.metadata.isParentNode && depth < 20 ? try await nodes(under: node.id.nodeID, depth: depth + 1) : []
        described.append(DescribedNode(node: node, attempts: try await attempts(of: node), children: children))
      }
      token = page.token
    } while !token.isEmpty
    return described
  }

  func attempts(of node: Flyteidl_Admin_NodeExecution) async throws -> [Flyteidl_Admin_TaskExecution] {
    guard case .taskNodeMetadata? = node.closure.targetMetadata else { return [] }
    var request = Flyteidl_Admin_TaskExecutionListRequest()
    request.nodeExecutionID = node.id
    request.limit = 100
    do {
      return try await admin.listTaskExecutions(request, options: options).taskExecutions
        .sorted { $0.id.retryAttempt < $1.id.retryAttempt }
    } catch let error as RPCError where error.code == .unimplemented {
      return []
    }
  }
}
