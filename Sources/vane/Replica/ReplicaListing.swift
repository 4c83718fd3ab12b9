import Foundation
import Logging
import PostgresNIO
import VaneAdminStore
import VaneReplica
import VaneServer
import VaneStore
import VaneStorePostgres

/// `vane get replicas --serve-config FILE`: the replica group of a `vane serve` configuration,
/// read from its lease table (the group's one source of truth, not any replica's view): every
/// live member, the shards it holds and which one leads.
enum ReplicaListing {
  struct Member {
    var id: String
    var shards: [Int] = []
    var leader = false
    var expiresAt: Date?
  }

  static func run(serveConfig path: String, format: OutputFormat) async throws {
    let config: Config
    do {
      config = try ConfigReader.load(path: path)
    } catch {
      throw CLIFailure.badInput("vane get replicas: \(path): \(error)")
    }
    guard config.adminStore.kind == .postgres else {
      throw CLIFailure.badInput(
        "vane get replicas: \(path) has no replica group: admin_store.kind is not postgres")
    }
    let schema: PostgresStoreSchema
    do {
      schema = try PostgresStoreSchema(config.replica.schema)
    } catch {
      throw CLIFailure.badInput("vane get replicas: \(path): replica.schema: \(error.message)")
    }
    var quiet = Logger(label: "vane.get")
    quiet.logLevel = .error
    let background = quiet
    let postgres = config.adminStore.postgres
    let client = PostgresClient(configuration: postgres.clientConfiguration, backgroundLogger: background)
    let leases = try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { await client.run() }
      defer { tasks.cancelAll() }
      return try await TimeLimit.run(within: postgres.connectTimeout) {
        try await ShardLeaseStore(migrated: client, schema: schema, logger: background).held(now: Date())
      }
    }
    guard let leases else {
      throw CLIFailure.failed(
        "vane get replicas: PostgreSQL at \(postgres.endpoint) did not answer within \(postgres.connectTimeout)")
    }
    emit(members(leases), format: format)
  }

  /// The members of `leases` by id, with their shards and leadership.
  static func members(_ leases: [Lease]) -> [Member] {
    var members: [String: Member] = [:]
    for lease in leases {
      if lease.name.hasPrefix(ReplicaLeaseNames.memberPrefix) {
        members[lease.owner, default: Member(id: lease.owner)].expiresAt = lease.expiresAt
      } else if let shard = ReplicaLeaseNames.shard(of: lease.name) {
        members[lease.owner, default: Member(id: lease.owner)].shards.append(shard)
      } else if lease.name == ReplicaLeaseNames.leader {
        members[lease.owner, default: Member(id: lease.owner)].leader = true
      }
    }
    return members.values.sorted { $0.id < $1.id }.map { member in
      var sorted = member
      sorted.shards.sort()
      return sorted
    }
  }

  /// `0-3,7,9-10`.
  static func ranges(_ shards: [Int]) -> String {
    var parts: [String] = []
    var index = 0
    while index < shards.count {
      var end = index
      while end + 1 < shards.count, shards[end + 1] == shards[end] + 1 { end += 1 }
      parts.append(end == index ? "\(shards[index])" : "\(shards[index])-\(shards[end])")
      index = end + 1
    }
    return parts.isEmpty ? "-" : parts.joined(separator: ",")
  }

  private static func emit(_ members: [Member], format: OutputFormat) {
    let value: [String: Any] = [
      "replicas": members.map { member -> [String: Any] in
        [
          "id": member.id, "shards": member.shards, "leader": member.leader,
          "member": member.expiresAt != nil,
        ]
      }
    ]
    try? RemoteOutput.emit(format, value: value) {
      var table = TextTable("REPLICA", "SHARDS", "HELD", "LEADER", "MEMBER")
      for member in members {
        table.add(
          member.id, String(member.shards.count), ranges(member.shards), member.leader ? "yes" : "-",
          member.expiresAt != nil ? "yes" : "no (leases lapsing)")
      }
      return table
    }
  }
}
