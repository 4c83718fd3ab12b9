import ArgumentParser
import Foundation
import VaneRay

/// `--ray URL` and the placement options of `vane run` and `vane resume`: which tasks run as Ray
/// jobs on a cluster, and how their entrypoints are placed there.
struct RayOptions: ParsableArguments {
  @Option(
    name: .customLong("ray"),
    help: """
      The job API of a Ray cluster, e.g. http://head:8265: flytekit Ray tasks, and the tasks the \
      --ray-… options name, run there as Ray jobs.
      """)
  var address: String?

  @Option(name: .customLong("ray-task-type"), help: "Run tasks of this type on Ray (repeatable; * for all).")
  var taskTypes: [String] = []

  @Option(name: .customLong("ray-image"), help: "Run tasks of this image on Ray (repeatable; with or without tag).")
  var images: [String] = []

  @Option(name: .customLong("ray-project"), help: "Run every task of this project's executions on Ray (repeatable).")
  var projects: [String] = []

  @Option(
    name: .customLong("ray-resource"),
    help: "NAME=AMOUNT: a custom resource each Ray job's entrypoint reserves, to keep jobs on the nodes that have it.")
  var resources: [String] = []

  @Option(name: .customLong("ray-label"), help: "KEY=VALUE: only Ray nodes with this label run the jobs (repeatable).")
  var labels: [String] = []

  @Option(
    name: .customLong("ray-work-dir"),
    help:
      "Where attempts' working directories go on the Ray nodes (default: <data dir>/work, for a cluster on this machine)."
  )
  var workDirectory: String?

  /// The Ray plugin's settings for a run in `dataDirectory` with the `--image` mapping `images`
  /// (the nodes of a cluster on this machine see the same environments); nil without `--ray`.
  func settings(dataDirectory: String, images imageEnvironments: [String: String]) throws -> RaySettings? {
    guard let address else {
      let stray = [
        ("--ray-task-type", !taskTypes.isEmpty), ("--ray-image", !images.isEmpty), ("--ray-project", !projects.isEmpty),
        ("--ray-resource", !resources.isEmpty), ("--ray-label", !labels.isEmpty),
        ("--ray-work-dir", workDirectory != nil),
      ].filter(\.1).map(\.0)
      guard stray.isEmpty else {
        throw CLIFailure.badInput("\(stray.joined(separator: ", ")) need --ray URL (the cluster's job API)")
      }
      return nil
    }
    var customResources: [String: Double] = [:]
    for option in resources {
      let (name, text) = try Self.pair(option, "--ray-resource", "NAME=AMOUNT")
      guard let amount = Double(text), amount > 0, amount.isFinite else {
        throw CLIFailure.badInput("--ray-resource \(option): the amount must be a positive number")
      }
      customResources[name] = amount
    }
    var labelSelector: [String: String] = [:]
    for option in labels {
      let (key, value) = try Self.pair(option, "--ray-label", "KEY=VALUE")
      labelSelector[key] = value
    }
    return try RaySettings(
      address: address, workDirectory: workDirectory, dataDirectory: dataDirectory, images: imageEnvironments,
      placement: RayPlacement(taskTypes: Set(taskTypes), images: Set(images), projects: Set(projects)),
      customResources: customResources, labelSelector: labelSelector, flag: "--ray")
  }

  private static func pair(_ option: String, _ flag: String, _ shape: String) throws -> (String, String) {
    let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
      throw CLIFailure.badInput("\(flag) \(option): write \(shape)")
    }
    return (parts[0], parts[1])
  }
}
