import FlyteIDL
import VaneData
import VaneModel

/// The spec of the child execution a launch-plan node starts: a deterministic name, the launch
/// plan's compiled workflow, its inputs (launch plan defaults, then the node's inputs, then
/// fixed inputs), and the parent's config, environment, code archive and launch plans.
enum ChildExecutionSpec {
  static func make(
    _ plan: Vane_LaunchPlanClosure, visit: NodeVisit, round: RoundContext
  ) async throws -> Vane_ExecutionSpec {
    let nodeInputs = try await round.literalMap(at: visit.paths(round.layout).inputs)
    return make(
      plan, name: name(parent: round.executionID.name, nodeUniqueID: visit.uniqueID, attempt: visit.attempt),
      nodeInputs: nodeInputs, parent: ChildExecutionParent(round: round, nodeUniqueID: visit.uniqueID))
  }

  /// The spec of child execution `name` of `plan` with the node's inputs `nodeInputs`.
  static func make(
    _ plan: Vane_LaunchPlanClosure, name: String, nodeInputs: Flyteidl_Core_LiteralMap, parent: ChildExecutionParent
  ) -> Vane_ExecutionSpec {
    var spec = Vane_ExecutionSpec()
    spec.id = parent.childID(name)
    spec.closure = plan.closure
    var inputs = Flyteidl_Core_LiteralMap()
    for (name, parameter) in plan.defaultInputs.parameters {
      if case .default(let literal)? = parameter.behavior { inputs.literals[name] = literal }
    }
    inputs.literals.merge(nodeInputs.literals) { _, bound in bound }
    inputs.literals.merge(plan.fixedInputs.literals) { _, fixed in fixed }
    spec.inputs = inputs
    spec.launchPlan = plan.id
    spec.config = parent.spec.config
    spec.dataDir = parent.layout.executionDirectory(spec.id).rawValue
    spec.parentNode.nodeID = parent.nodeUniqueID
    spec.parentNode.executionID = parent.executionID
    spec.codeArchiveUri = parent.spec.codeArchiveUri
    spec.createdAt = parent.timestamp
    spec.launchPlans = parent.spec.launchPlans
    return spec
  }

  /// Longest execution name.
  static let maxNameLength = 63

  /// A readable prefix of `<parent>-<node unique id>-<attempt>` (lowercase letters, digits and
  /// `-`, starting with a letter) followed by `-` and a 16-digit hash of the three parts, at most
  /// 63 characters. The hash is always there (as FlytePropeller's child ids are always hashed):
  /// `exec`/`n0-1` and `exec-n0`/`1` read alike but are different children, and so are names the
  /// cleaning maps alike (case, `_` vs `-`).
  static func name(parent: String, nodeUniqueID: String, attempt: UInt32) -> String {
    let joined = "\(parent)-\(nodeUniqueID)-\(attempt)"
    let cleaned = String(
      joined.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    // The parts apart (NUL never appears in them), so moving a `-` between them changes the hash.
    for byte in "\(parent)\u{0}\(nodeUniqueID)\u{0}\(attempt)".utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let digits = String(hash, radix: 16)
    let suffix = String(repeating: "0", count: 16 - digits.count) + digits
    var prefix = String(cleaned.prefix(maxNameLength - suffix.count - 1))
    while prefix.hasSuffix("-") { prefix.removeLast() }
    if prefix.first?.isLetter != true { prefix = "x" + prefix.prefix(maxNameLength - suffix.count - 2) }
    return prefix + "-" + suffix
  }
}
