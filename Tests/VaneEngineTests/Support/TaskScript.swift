import FlyteIDL
import VaneEngine
import VaneTesting

/// What the scripted plugin does when an attempt ends.
enum AttemptEnding: Sendable, Equatable {
  /// Computes the outputs and writes `outputs.pb`.
  case succeed
  /// Reports a retryable failure of the given kind (user or system).
  case retryable(Flyteidl_Core_ExecutionError.ErrorKind)
  /// Reports a permanent failure (a user error).
  case permanent
  /// Writes an `error.pb` (as flytekit does when user code raises) and reports success.
  case errorDocument(Flyteidl_Core_ContainerError.Kind, origin: Flyteidl_Core_ExecutionError.ErrorKind)
  /// Writes bytes that are not a LiteralMap as `outputs.pb` and reports success.
  case corruptOutputs
  /// Reports success without writing `outputs.pb`.
  case noOutputs
  /// Computes the outputs and hands them back in memory (`.success(outputs:)`).
  case succeedInMemory
}

/// How the scripted plugin runs one task (or one node): the outputs it computes from the
/// inputs, how given attempts end, and whether attempts wait for `ScriptedPlugin.release`.
struct TaskScript: Sendable {
  var compute: @Sendable (Flyteidl_Core_LiteralMap) throws -> Flyteidl_Core_LiteralMap
  /// Endings by attempt number; attempts not listed succeed.
  var endings: [UInt32: AttemptEnding] = [:]
  /// Every attempt after the listed ones ends like this (nil: succeed).
  var otherwise: AttemptEnding?
  /// Attempts stay running until the test releases the node.
  var holds = false
  /// Attempts end on their first `handle` instead of reporting `.running` first.
  var immediate = false

  func ending(of attempt: UInt32) -> AttemptEnding {
    endings[attempt] ?? otherwise ?? .succeed
  }

  /// A copy whose attempts end as given.
  func ending(_ endings: [UInt32: AttemptEnding], otherwise: AttemptEnding? = nil) -> TaskScript {
    var copy = self
    copy.endings = endings
    copy.otherwise = otherwise
    return copy
  }

  /// A copy whose attempts end on their first `handle`.
  func immediately() -> TaskScript {
    var copy = self
    copy.immediate = true
    return copy
  }

  /// A copy whose attempts wait for a release.
  func holding() -> TaskScript {
    var copy = self
    copy.holds = true
    return copy
  }
}

/// The showcase tasks, computed as the Python code in `examples/showcase` computes them.
enum ShowcaseTasks {
  static func one(_ name: String, _ value: Flyteidl_Core_Literal) -> Flyteidl_Core_LiteralMap {
    literals([name: value])
  }

  static let square = TaskScript { inputs in one("o0", .int(try inputs.int("x") * inputs.int("x"))) }
  static let double = TaskScript { inputs in one("o0", .int(2 * (try inputs.int("x")))) }
  static let add = TaskScript { inputs in one("o0", .int(try inputs.int("a") + inputs.int("b"))) }
  static let negate = TaskScript { inputs in one("o0", .int(-(try inputs.int("x")))) }
  static let stats = TaskScript { inputs in
    let values = try inputs.ints("values")
    let total = values.reduce(0, +)
    let mean = values.isEmpty ? 0 : Double(total) / Double(values.count)
    return literals(["total": .int(total), "mean": .float(mean)])
  }
  static let classify = TaskScript { inputs in one("o0", .string(try inputs.int("x") % 2 == 0 ? "even" : "odd")) }
  static let label = TaskScript { inputs in one("o0", .string("\(try inputs.string("text")):\(try inputs.int("x"))")) }
  static let flakyOnce = TaskScript { inputs in one("o0", .int(abs(try inputs.int("x")))) }
  static let maybeFail = TaskScript { inputs in one("o0", .int(try inputs.int("x") + 1)) }
  static let slowSibling = TaskScript { inputs in one("o0", .int(try inputs.int("x") * 10)) }
  /// The `on_failure` task of `guarded`: returns nothing.
  static let cleanUp = TaskScript { _ in Flyteidl_Core_LiteralMap() }

  /// Scripts by the task's short name (the part after the last dot).
  static let all: [String: TaskScript] = [
    "square": square, "cached_square": square, "double": double, "add": add, "negate": negate, "stats": stats,
    "classify": classify, "label": label, "flaky_once": flakyOnce, "maybe_fail": maybeFail,
    "slow_sibling": slowSibling, "clean_up": cleanUp,
  ]
}
