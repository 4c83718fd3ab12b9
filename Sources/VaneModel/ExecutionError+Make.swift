public import FlyteIDL

extension Flyteidl_Core_ExecutionError {
  /// An execution error with the given code, message and kind. For codes a task, a plugin or
  /// another execution chose; the engine's own codes go through `make(_:message:kind:)`.
  public static func make(
    code: String, message: String, kind: Flyteidl_Core_ExecutionError.ErrorKind
  ) -> Flyteidl_Core_ExecutionError {
    var error = Flyteidl_Core_ExecutionError()
    error.code = code
    error.message = message
    error.kind = kind
    return error
  }

  /// An execution error the engine gives a node, with one of Flyte's node error codes.
  public static func make(
    _ code: NodeErrorCode, message: String, kind: Flyteidl_Core_ExecutionError.ErrorKind
  ) -> Flyteidl_Core_ExecutionError {
    make(code: code.rawValue, message: message, kind: kind)
  }
}
