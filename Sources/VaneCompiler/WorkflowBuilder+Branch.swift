import FlyteIDL
import VaneModel

extension WorkflowBuilder {
  /// A branch node's interface: inputs are what its bindings provide (the values its
  /// conditions read); outputs are the outputs every leg has, with one type across legs.
  /// Legs are renamed `<branch id>-<leg id>`, as Flyte does, so their ids are unique.
  mutating func branchInterface(_ node: inout Flyteidl_Core_Node) -> Flyteidl_Core_TypedInterface? {
    let id = node.id
    guard node.branchNode.hasIfElse, node.branchNode.ifElse.hasCase else {
      report(.invalidBranch, id, "the branch node has no if-case")
      return nil
    }
    var ifElse = node.branchNode.ifElse
    var merger = LegOutputMerger()
    var valid = true

    if ifElse.case.hasThenNode {
      valid = resolveLeg(&ifElse.case.thenNode, parent: id, into: &merger) && valid
    } else {
      report(.invalidBranch, id, "the if-case has no then-node")
      valid = false
    }
    for index in ifElse.other.indices {
      if ifElse.other[index].hasThenNode {
        valid = resolveLeg(&ifElse.other[index].thenNode, parent: id, into: &merger) && valid
      } else {
        report(.invalidBranch, id, "elif-case \(index + 1) has no then-node")
        valid = false
      }
    }
    switch ifElse.default {
    case .elseNode(var leg)?:
      valid = resolveLeg(&leg, parent: id, into: &merger) && valid
      ifElse.elseNode = leg
    case .error?:
      break
    case nil:
      report(.invalidBranch, id, "the branch node has no else; add an else-node or a failing else (.fail)")
    }
    node.branchNode.ifElse = ifElse

    for mismatch in merger.mismatches {
      report(
        .typeMismatch, mismatch.leg,
        "output '\(mismatch.name)' is \(mismatch.found.readable) in this leg "
          + "but \(mismatch.expected.readable) in an earlier leg of branch '\(id)'")
    }
    guard valid, merger.mismatches.isEmpty else { return nil }
    var interface = Flyteidl_Core_TypedInterface()
    interface.inputs = bindingTypes(node.inputs, of: id)
    interface.outputs = merger.outputs
    return interface
  }

  private mutating func resolveLeg(
    _ leg: inout Flyteidl_Core_Node, parent: String, into merger: inout LegOutputMerger
  ) -> Bool {
    if leg.id.isEmpty {
      report(.missingValue, parent, "a leg of the branch has no node id")
      return false
    }
    leg.id = "\(parent)-\(leg.id)"
    guard let interface = resolveInterface(&leg) else { return false }
    interfaces[leg.id] = interface
    merger.add(leg: leg.id, outputs: interface.outputs)
    return true
  }

  /// The then-nodes and else-node of a branch (legs that fail have no node).
  static func legs(of branch: Flyteidl_Core_BranchNode) -> [Flyteidl_Core_Node] {
    let ifElse = branch.ifElse
    var legs: [Flyteidl_Core_Node] = []
    if ifElse.case.hasThenNode { legs.append(ifElse.case.thenNode) }
    legs += ifElse.other.filter(\.hasThenNode).map(\.thenNode)
    if case .elseNode(let node)? = ifElse.default { legs.append(node) }
    return legs
  }
}

/// Intersects the outputs of a branch's legs and notes outputs whose types differ.
struct LegOutputMerger {
  struct Mismatch {
    let leg: String
    let name: String
    let expected: Flyteidl_Core_LiteralType
    let found: Flyteidl_Core_LiteralType
  }

  private var common: [String: Flyteidl_Core_Variable]?
  private(set) var mismatches: [Mismatch] = []

  var outputs: Flyteidl_Core_VariableMap {
    var map = Flyteidl_Core_VariableMap()
    map.variables = common ?? [:]
    return map
  }

  mutating func add(leg: String, outputs: Flyteidl_Core_VariableMap) {
    guard let current = common else {
      common = outputs.variables
      return
    }
    var next: [String: Flyteidl_Core_Variable] = [:]
    for (name, variable) in current.sorted(by: { $0.key < $1.key }) {
      guard let other = outputs.variables[name] else { continue }
      if other.type != variable.type {
        mismatches.append(Mismatch(leg: leg, name: name, expected: variable.type, found: other.type))
      }
      next[name] = variable
    }
    common = next
  }
}
