/// The codes of the errors the engine itself gives a node (as opposed to the codes a task
/// reports in its `error.pb`, or a plugin's own codes), spelled exactly as FlytePropeller
/// spells them so events, `vane` output and Flyte tools agree.
///
/// The first group is FlytePropeller's `nodes/errors/codes.go` (v1.16.8); the second the codes
/// its handlers and node executor write into `ExecutionError.code` directly. Each case says when
/// Vane uses it; cases Vane does not use yet are kept so the list reads like Flyte's.
public enum NodeErrorCode: String, Sendable, CaseIterable {
  // MARK: nodes/errors/codes.go

  /// Something failed in a way no other code describes.
  case unknownError = "UnknownError"
  case initializationError = "InitializationError"
  /// A node kind or feature this version of Vane does not run.
  case notYetImplementedError = "NotYetImplementedError"
  /// A branch leg recorded as taken no longer exists in the graph.
  case downstreamNodeNotFound = "DownstreamNodeNotFound"
  /// A branch reached its `else` failure (`.fail(...)` in flytekit).
  case userProvidedError = "UserProvidedError"
  /// The engine found a node in a state it cannot be in (e.g. a handler given another kind).
  case illegalStateError = "IllegalStateError"
  /// The compiled closure lacks what a node references (task, subworkflow, launch plan).
  case badSpecificationError = "BadSpecificationError"
  /// No plugin runs the task's type.
  case unsupportedTaskType = "UnsupportedTaskType"
  case bindingResolutionError = "BindingResolutionError"
  case causedByError = "CausedByError"
  /// A gate's or launch plan's operation failed at run time (a signal of the wrong type, a
  /// child execution that cannot be launched).
  case runtimeExecutionError = "RuntimeExecutionError"
  case subWorkflowExecutionFailed = "SubWorkflowExecutionFailed"
  case subWorkflowExecutionFailing = "SubWorkflowExecutionFailing"
  /// A launch plan's child execution was aborted.
  case remoteChildWorkflowExecutionFailed = "RemoteChildWorkflowExecutionFailed"
  case noBranchTakenError = "NoBranchTakenError"
  /// The outputs of a workflow, subworkflow, dynamic subgraph or child execution cannot be
  /// resolved or read.
  case outputsNotFoundError = "OutputsNotFoundError"
  /// A node's stored inputs cannot be read.
  case inputsNotFoundError = "InputsNotFoundError"
  /// The data store failed (reading, checking or writing node data).
  case storageError = "StorageError"
  case eventRecordingFailed = "EventRecordingFailed"
  case catalogCallFailed = "CatalogCallFailed"
  /// A map task's mapped inputs are missing or of different lengths.
  case invalidArrayLength = "InvalidArrayLength"
  case promiseAttributeResolveError = "PromiseAttributeResolveError"
  case idlNotFoundError = "IDLNotFoundErr"
  case invalidPrimitiveType = "InvalidPrimitiveType"

  // MARK: Written directly by FlytePropeller's node executor and handlers

  /// A node's inputs cannot be resolved from its bindings (node executor).
  case bindingResolutionFailure = "BindingResolutionFailure"
  /// An attempt ran longer than the node's timeout; retryable (node executor).
  case timeoutExpired = "TimeoutExpired"
  /// The node ran past its deadline and ends TimedOut, with no further attempt (workflow executor).
  case timeout = "Timeout"
  /// The node was stopped because its execution was aborted or a sibling failed (node executor).
  case nodeAborted = "NodeAborted"
  /// A node's outputs could not be written (gate handler; every handler here).
  case writeOutputsFailed = "WriteOutputsFailed"
  /// An approval gate was rejected (gate handler).
  case receivedRejectSignal = "ReceivedRejectSignal"
  /// A dynamic task's subgraph does not compile (dynamic handler).
  case dynamicWorkflowBuildFailed = "DynamicWorkflowBuildFailed"
  /// A dynamic task's `futures.pb` cannot be read as a subgraph (dynamic handler).
  case malformedDynamicWorkflow = "MalformedDynamicWorkflow"
  /// A task attempt left no usable outputs: no `outputs.pb`, an unreadable one, or one without
  /// the declared variables (task handler).
  case outputsNotFound = "OutputsNotFound"
  /// A branch condition cannot be evaluated, or no condition held and there is no `else`
  /// (branch handler).
  case malformedBranchUserError = "MalformedBranchUserError"
  /// Too many items of an array node failed, without an item error to report (array handler).
  case arrayNodeFailing = "ArrayNodeFailing"
  /// A launch plan's child execution failed without an error of its own (launch plan handler).
  case launchPlanExecutionFailed = "LaunchPlanExecutionFailed"
  /// A map task's input is offloaded, which this version of Vane does not read (common utils).
  case literalOffloadingNotSupported = "LiteralOffloadingNotSupported"
  /// The engine could not complete a round of the execution many times in a row (a spec it
  /// cannot decode, node data it cannot write) and failed the execution rather than retry it
  /// forever (Vane's counterpart of FlytePropeller's `max-workflow-retries`).
  case roundFailuresExceeded = "RoundFailuresExceeded"
  /// The execution's status grew past the largest the engine writes (`RoundLimits.statusBytes`),
  /// so the round could not be stored; the execution is failed instead of retrying a write that
  /// can never succeed (Flyte's executions stay stuck on etcd's object-size limit).
  case statusTooLarge = "StatusTooLarge"
}
