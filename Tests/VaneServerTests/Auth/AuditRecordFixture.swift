import Foundation
import VaneAdmin

enum AuditRecordFixture {
  static let record = AuditRecord(
    time: Date(timeIntervalSince1970: 0), subject: "ci", issuer: "vane", peer: "ipv4:127.0.0.1:1", transport: "grpc",
    action: "CreateExecution", projects: ["a"], outcome: .ok, detail: "")
}
