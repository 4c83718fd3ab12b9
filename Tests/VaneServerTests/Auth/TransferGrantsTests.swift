import Crypto
import Foundation
import Testing
import VaneTesting

@testable import VaneServer

@Suite struct TransferGrantsTests {
  @Test func grantsAreSignedScopedAndExpire() {
    let clock = ManualClock()
    let grants = TransferGrants(key: SymmetricKey(size: .bits256), clock: clock)
    let (token, _) = grants.issue(.upload, path: "/d/uploads/p/d/f", lifetime: 60, md5: "00", project: "p")
    #expect(grants.redeem(token, for: .upload)?.path == "/d/uploads/p/d/f")
    #expect(grants.redeem(token, for: .download) == nil)
    // Another path in the payload breaks the signature.
    let forged =
      TransferGrants.base64URL(
        Data(#"{"action":"u","path":"/etc/passwd","expires":9999999999}"#.utf8)) + "."
      + token.split(separator: ".")[1]
    #expect(grants.redeem(forged, for: .upload) == nil)
    let other = TransferGrants(key: SymmetricKey(size: .bits256), clock: clock)
    #expect(other.redeem(token, for: .upload) == nil)
    // Two grants for the same file are different URLs.
    #expect(grants.issue(.upload, path: "/d/uploads/p/d/f", lifetime: 60).token != token)
    clock.advance(by: .seconds(61))
    #expect(grants.redeem(token, for: .upload) == nil)
  }

  @Test func uploadTokensAreClaimedOnce() {
    let grants = TransferGrants(key: SymmetricKey(size: .bits256))
    let expiry = Date().addingTimeInterval(60)
    #expect(grants.claim("t", until: expiry))
    #expect(!grants.claim("t", until: expiry))
    grants.release("t")
    #expect(grants.claim("t", until: expiry))
  }

  @Test func theAuditLogRotatesWithinItsBound() throws {
    let temporary = try TemporaryDirectory("vane-auth")
    defer { temporary.remove() }
    let directory = temporary.path
    let log = try AuditLog(path: directory + "/audit/audit.log", maxBytes: 4096, keptFiles: 2)
    let record = AuditRecordFixture.record
    for _ in 0..<200 { log.record(record) }
    let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/audit").sorted()
    #expect(files == ["audit.log", "audit.log.1", "audit.log.2"])
    for file in files {
      let size = try FileManager.default.attributesOfItem(atPath: "\(directory)/audit/\(file)")[.size] as? Int ?? 0
      #expect(size <= 4096)
    }
  }
}
