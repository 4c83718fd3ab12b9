public import Foundation

/// A held lease: who holds it, until when, and the fencing token it was granted with.
///
/// Tokens come from one sequence and only grow: whoever takes a lease after it expired holds
/// a higher token than every earlier holder, so a write carrying an old token can be refused
/// (`PostgresResourceStore.update(…fencedBy:)`).
public struct Lease: Hashable, Sendable {
  /// What is leased, for example `shard/12` or `leader/scheduler`.
  public var name: String
  /// The replica holding it.
  public var owner: String
  /// The fencing token granted when it was acquired; renewals keep it.
  public var token: Int64
  /// When it expires unless renewed (millisecond precision).
  public var expiresAt: Date

  /// Creates a lease value.
  public init(name: String, owner: String, token: Int64, expiresAt: Date) {
    self.name = name
    self.owner = owner
    self.token = token
    self.expiresAt = expiresAt
  }
}
