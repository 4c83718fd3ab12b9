public import Foundation

/// A job to submit (`POST /api/jobs/`): the entrypoint shell command, the submission id, and
/// where and with what it runs.
public struct RayJobSubmission: Hashable, Sendable {
  /// The shell command Ray runs (with `/bin/sh -c`) on the node it picks.
  public var entrypoint: String
  /// The id of the job; Ray refuses a second job with the same id.
  public var submissionID: String
  /// The job's runtime environment (`runtime_env`) as a JSON object, or nil for none.
  public var runtimeEnvironment: Data?
  /// Recorded with the job; shown by `ray job list` and the dashboard.
  public var metadata: [String: String]
  /// What the entrypoint reserves on its node.
  public var resources: RayEntrypointResources
  /// Only nodes whose labels match every entry may run the entrypoint.
  public var labelSelector: [String: String]

  public init(
    entrypoint: String, submissionID: String, runtimeEnvironment: Data? = nil, metadata: [String: String] = [:],
    resources: RayEntrypointResources = RayEntrypointResources(), labelSelector: [String: String] = [:]
  ) {
    self.entrypoint = entrypoint
    self.submissionID = submissionID
    self.runtimeEnvironment = runtimeEnvironment
    self.metadata = metadata
    self.resources = resources
    self.labelSelector = labelSelector
  }

  /// The request body: a JSON object with Ray's field names, unset fields left out.
  public func body() throws -> Data {
    var object: [String: Any] = ["entrypoint": entrypoint, "submission_id": submissionID]
    if let runtimeEnvironment {
      object["runtime_env"] = try JSONSerialization.jsonObject(with: runtimeEnvironment)
    }
    if !metadata.isEmpty { object["metadata"] = metadata }
    if let cpus = resources.cpus { object["entrypoint_num_cpus"] = cpus }
    if let gpus = resources.gpus { object["entrypoint_num_gpus"] = gpus }
    if let memory = resources.memoryBytes { object["entrypoint_memory"] = memory }
    if !resources.custom.isEmpty { object["entrypoint_resources"] = resources.custom }
    if !labelSelector.isEmpty { object["entrypoint_label_selector"] = labelSelector }
    return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
  }
}
