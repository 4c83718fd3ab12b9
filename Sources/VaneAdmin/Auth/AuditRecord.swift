public import Foundation

/// One line of the audit log: who did (or tried) what, when, on which projects, and how it
/// ended. Refused calls and every mutating call are recorded.
public struct AuditRecord: Sendable, Hashable {
  /// How the call ended.
  public enum Outcome: String, Sendable, Hashable {
    /// It ran and succeeded.
    case ok
    /// It ran and failed (the error code is in `detail`).
    case failed
    /// No valid credentials.
    case unauthenticated
    /// Credentials valid, role missing.
    case denied
  }

  public var time: Date
  /// The subject of the verified token, or `-` when there was none.
  public var subject: String
  /// The issuer of the token (`vane` or an external issuer), or `-`.
  public var issuer: String
  /// The peer's address as the transport reports it.
  public var peer: String
  /// `grpc` or `http`.
  public var transport: String
  /// The RPC name (`CreateExecution`) or `METHOD /path`.
  public var action: String
  public var projects: [String]
  public var outcome: Outcome
  /// The error code or refusal reason; empty when it succeeded.
  public var detail: String

  public init(
    time: Date, subject: String, issuer: String, peer: String, transport: String, action: String,
    projects: [String], outcome: Outcome, detail: String
  ) {
    self.time = time
    self.subject = subject
    self.issuer = issuer
    self.peer = peer
    self.transport = transport
    self.action = action
    self.projects = projects
    self.outcome = outcome
    self.detail = detail
  }

  /// The record as one line of JSON (no trailing newline), keys in a fixed order.
  public var jsonLine: String {
    let fields: [(String, String)] = [
      ("time", Self.timestamp(time)), ("subject", subject), ("issuer", issuer), ("peer", peer),
      ("transport", transport), ("action", action),
    ]
    var text = "{" + fields.map { "\"\($0.0)\":\(Self.quoted($0.1))" }.joined(separator: ",")
    text += ",\"projects\":[" + projects.map(Self.quoted).joined(separator: ",") + "]"
    text += ",\"outcome\":\(Self.quoted(outcome.rawValue)),\"detail\":\(Self.quoted(detail))}"
    return text
  }

  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }

  /// `text` as a JSON string literal; control characters escaped so one record stays one line.
  public static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        out +=
          "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
          + String(scalar.value, radix: 16)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
