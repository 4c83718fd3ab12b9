import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneStore

/// The data cache in the engine's key-value store (the SQLite database for `vane run`):
///
/// - namespace `cache`: one `CacheEntry` (JSON: the outputs as a binary `core.LiteralMap`,
///   the task attempt that produced them, when) per `CacheKey`;
/// - namespace `cache-reservations`: who computes a key of a `cache_serialize` task now
///   (JSON: owner, expiry). The owner extends it while it runs; an expired one may be taken.
struct CacheCatalog {
  static let entries = "cache"
  static let reservations = "cache-reservations"

  let keyValues: any KeyValueStore

  /// What the cache keeps for one key.
  struct Entry: Codable, Equatable {
    /// A binary `flyteidl.core.LiteralMap`.
    var outputs: Data
    /// `project/domain/execution/node unique id/attempt` of the task attempt that computed it.
    var source: String
    /// Seconds since 1970.
    var createdAt: Double
  }

  /// A claim on computing one key.
  struct Reservation: Codable, Equatable {
    var owner: String
    /// Seconds since 1970.
    var expiresAt: Double

    func isExpired(at now: Date) -> Bool { expiresAt <= now.timeIntervalSince1970 }
  }

  /// The outcome of asking for a reservation.
  enum Claim: Equatable {
    /// The caller holds it (newly, again, or taken over after it expired).
    case acquired
    /// Someone else holds it until it expires.
    case heldBy(Reservation)
  }

  /// The cached outputs for `key`; nil when there are none. Throws when the entry cannot be
  /// read or decoded.
  func outputs(for key: CacheKey) async throws -> Flyteidl_Core_LiteralMap? {
    guard let data = try await keyValues.value(Self.entries, key.value) else { return nil }
    let entry = try JSONDecoder().decode(Entry.self, from: data)
    return try Flyteidl_Core_LiteralMap(serializedBytes: entry.outputs)
  }

  /// Stores (or replaces) the outputs for `key`.
  func store(_ outputs: Flyteidl_Core_LiteralMap, for key: CacheKey, source: String, at now: Date) async throws {
    let entry = Entry(outputs: try outputs.deterministicBinary(), source: source, createdAt: now.timeIntervalSince1970)
    try await keyValues.put(Self.entries, key.value, try Self.encoder.encode(entry))
  }

  /// Takes or extends the reservation of `key` for `owner` until `now + lifetime`.
  ///
  /// An expired reservation of another owner is removed and claimed; two engines racing for
  /// the same expired reservation may both believe they won (the store has no compare-and-swap
  /// on values): both then compute, and the entry is written twice with the same outputs.
  func reserve(_ key: CacheKey, owner: String, now: Date, lifetime: Duration) async throws -> Claim {
    let mine = Reservation(owner: owner, expiresAt: now.timeIntervalSince1970 + Self.seconds(lifetime))
    let encoded = try Self.encoder.encode(mine)
    for _ in 0..<3 {
      if try await keyValues.putIfAbsent(Self.reservations, key.value, encoded) { return .acquired }
      guard let data = try await keyValues.value(Self.reservations, key.value) else { continue }
      let current = try? JSONDecoder().decode(Reservation.self, from: data)
      if let current, current.owner != owner, !current.isExpired(at: now) { return .heldBy(current) }
      if let current, current.owner == owner, current.expiresAt - now.timeIntervalSince1970 > Self.seconds(lifetime) / 2
      {
        return .acquired  // still fresh: no write needed
      }
      if current?.owner == owner {
        try await keyValues.put(Self.reservations, key.value, encoded)
        return .acquired
      }
      // Expired (its owner stopped extending it) or unreadable: take it over.
      _ = try await keyValues.remove(Self.reservations, key.value)
    }
    // Lost every race: someone else claimed it meanwhile. Ask again next round.
    return .heldBy(Reservation(owner: "another engine", expiresAt: now.timeIntervalSince1970 + 1))
  }

  /// Gives the reservation of `key` up if `owner` holds it.
  func release(_ key: CacheKey, owner: String) async throws {
    guard let data = try await keyValues.value(Self.reservations, key.value),
      let current = try? JSONDecoder().decode(Reservation.self, from: data), current.owner == owner
    else { return }
    _ = try await keyValues.remove(Self.reservations, key.value)
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  private static var encoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return encoder
  }
}
