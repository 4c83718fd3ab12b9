import Foundation
import VaneRay

/// What `LocalRuntime` needs to run tasks on a Ray cluster.
struct RaySettings {
  var configuration: RayPlugin.Configuration
  var placement: RayPlacement

  /// Settings for the cluster at `address` (named by `flag` in errors): attempts' working
  /// directories under `workDirectory` on the nodes (default `<data dir>/work`, right for a
  /// cluster on this machine), their kept job logs under `<data dir>/work` here.
  init(
    address: String, workDirectory: String?, dataDirectory: String, images: [String: String],
    placement: RayPlacement, customResources: [String: Double] = [:], labelSelector: [String: String] = [:],
    flag: String
  ) throws {
    guard let cluster = RayAddress(address) else {
      throw CLIFailure.badInput(
        "\(flag) \(address): write the cluster's job API as http://HOST:PORT (e.g. http://head:8265)")
    }
    let work = workDirectory.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? dataDirectory + "/work"
    configuration = RayPlugin.Configuration(
      address: cluster, workRoot: work, logRoot: dataDirectory + "/work", images: images,
      customResources: customResources, labelSelector: labelSelector)
    self.placement = placement
  }

  /// Checks that the cluster's job API answers; a usage error (exit 2) when it does not.
  func checkReachable() async throws {
    let client = RayJobClient(address: configuration.address, timeout: .seconds(10))
    do {
      _ = try await client.version()
    } catch {
      throw CLIFailure.badInput(
        "--ray \(configuration.address): the Ray job API does not answer: \(error.message) (is the cluster up, with "
          + "its dashboard listening on that address?)")
    }
  }
}
