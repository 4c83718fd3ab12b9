import Foundation
import HTTPTypes
import Hummingbird
import VaneAdmin
import VaneModel
import VaneServer

extension Console {
  /// Writes one audit record for a console request: every action (a posted form) and every
  /// refusal, in the same log and shape as the RPCs' (transport `console`).
  func record(
    _ request: Request, viewer: ConsoleViewer?, project: String?, outcome: AuditRecord.Outcome, detail: String
  ) {
    guard let audit else { return }
    audit.record(
      AuditRecord(
        time: clock.date, subject: viewer.map { $0.subject.isEmpty ? "-" : $0.subject } ?? "-", issuer: "-",
        peer: request.headers[HTTPField.Name("X-Forwarded-For")!] ?? "-", transport: "console",
        action: "\(request.method) \(request.uri.path)", projects: project.map { [$0] } ?? [], outcome: outcome,
        detail: detail))
  }
}
