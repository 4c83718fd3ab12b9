import FlyteIDL

/// What a pass over a scope found: still going, done with the scope's outputs, or failed.
enum ScopeOutcome {
  case running
  case succeeded(Flyteidl_Core_LiteralMap)
  case failed(Flyteidl_Core_ExecutionError)
}
