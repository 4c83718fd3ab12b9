import Testing
import VaneStore

@Suite struct ShardMapTests {
  @Test func keysMapStablyIntoRangeAndSpreadOverShards() throws {
    let map = try ShardMap(count: 64)
    var counts = [Int](repeating: 0, count: 64)
    for index in 0..<6_400 {
      let shard = map.shard(of: key("exec-\(index)"))
      #expect(shard == map.shard(of: key("exec-\(index)")))
      counts[shard] += 1
    }
    // Uniform would be 100 each; FNV-1a keeps every shard within a loose band.
    #expect(counts.allSatisfy { (50...150).contains($0) }, "\(counts)")
    // Fixed by the algorithm, not the process: FNV-1a 64 of "a" is af63dc4c8601ec8c.
    #expect(FNV1a.hash64("a") == 0xaf63_dc4c_8601_ec8c)
    // The parts are separated: moving a character between parts moves the key.
    let parts = [
      ResourceKey(project: "ab", domain: "c", name: "d"), ResourceKey(project: "a", domain: "bc", name: "d"),
    ]
    #expect(try ShardMap(count: 4_096).shard(of: parts[0]) != ShardMap(count: 4_096).shard(of: parts[1]))
  }

  @Test(arguments: [0, -1, 4_097]) func shardCountsOutOfRangeAreRefused(_ count: Int) async {
    #expect(await storeErrorCode { _ = try ShardMap(count: count) } == .invalidArgument)
  }
}

@Suite struct ShardPlannerTests {
  /// Runs heartbeats (each member plans and applies in turn, releases first) until nothing
  /// changes, and returns the owners and how many heartbeats it took.
  private func settle(
    _ planner: ShardPlanner, members: Set<String>, owners start: [Int: String]
  ) -> (owners: [Int: String], rounds: Int) {
    var owners = start
    for round in 1...20 {
      var changed = false
      for member in members.sorted() {
        let plan = planner.plan(for: member, members: members, owners: owners)
        for shard in plan.release where owners[shard] == member {
          owners[shard] = nil
          changed = true
        }
        for shard in plan.acquire where owners[shard] == nil {
          owners[shard] = member
          changed = true
        }
      }
      if !changed { return (owners, round) }
    }
    return (owners, 99)
  }

  private func counts(_ owners: [Int: String]) -> [String: Int] {
    owners.values.reduce(into: [:]) { $0[$1, default: 0] += 1 }
  }

  @Test func aLoneReplicaTakesEveryShard() throws {
    let planner = ShardPlanner(map: try ShardMap(count: 8))
    let plan = planner.plan(for: "a", members: ["a"], owners: [:])
    #expect(plan.release.isEmpty)
    #expect(plan.acquire.sorted() == Array(0..<8))
  }

  @Test func threeReplicasSplit64ShardsFairlyAndEveryShardHasOneOwner() throws {
    let planner = ShardPlanner(map: try ShardMap(count: 64))
    let members: Set = ["r1", "r2", "r3"]
    let (owners, rounds) = settle(planner, members: members, owners: [:])
    #expect(owners.count == 64)
    #expect(counts(owners) == ["r1": 22, "r2": 21, "r3": 21])
    #expect(rounds <= 3)
    #expect(members.map { planner.target(of: $0, members: members) }.reduce(0, +) == 64)
  }

  @Test func aJoiningReplicaGetsItsShareFromTheOthers() throws {
    let planner = ShardPlanner(map: try ShardMap(count: 64))
    let (before, _) = settle(planner, members: ["r1", "r2"], owners: [:])
    #expect(counts(before) == ["r1": 32, "r2": 32])
    // r3 joins: r1 and r2 each release their surplus, highest shards first.
    let release = planner.plan(for: "r1", members: ["r1", "r2", "r3"], owners: before)
    #expect(release.acquire.isEmpty && release.release.count == 10)
    #expect(release.release == Array(before.filter { $0.value == "r1" }.keys.sorted().suffix(10)))
    let (after, _) = settle(planner, members: ["r1", "r2", "r3"], owners: before)
    #expect(counts(after) == ["r1": 22, "r2": 21, "r3": 21])
    // Shards that stayed with r1 or r2 were never moved.
    #expect(after.filter { $0.value != "r3" }.allSatisfy { before[$0.key] == $0.value })
  }

  @Test func aDeadReplicasShardsAreTakenOnlyOnceItsLeasesExpired() throws {
    let planner = ShardPlanner(map: try ShardMap(count: 9))
    let (start, _) = settle(planner, members: ["r1", "r2", "r3"], owners: [:])
    // r3 stops heartbeating: it leaves the members, but its leases are still unexpired.
    let survivors: Set = ["r1", "r2"]
    let early = planner.plan(for: "r1", members: survivors, owners: start)
    #expect(early.acquire.allSatisfy { start[$0] == nil })
    #expect(early.acquire.isEmpty)
    // Once they expired they no longer appear as owners, and r1 and r2 share all nine.
    let (after, _) = settle(planner, members: survivors, owners: start.filter { $0.value != "r3" })
    #expect(after.count == 9)
    #expect(counts(after) == ["r1": 5, "r2": 4])
  }

  @Test func aReplicaThatIsNoLongerAMemberReleasesEverything() throws {
    let planner = ShardPlanner(map: try ShardMap(count: 4))
    let plan = planner.plan(for: "gone", members: ["a"], owners: [0: "gone", 1: "a", 3: "gone", 7: "gone"])
    #expect(plan == ShardPlanner.Plan(acquire: [], release: [0, 3]))
    #expect(planner.target(of: "gone", members: ["a"]) == 0)
  }
}
