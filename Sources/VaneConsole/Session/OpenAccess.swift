import Crypto
import Foundation
public import Hummingbird

/// Authentication off: every request is ``ConsoleViewer/everyone``. Forms still carry a
/// token, random per server process, so that another site a person visits cannot make their
/// browser post actions (abort, launch) to a console on their machine.
public struct OpenAccess: ConsoleAccess {
  let token: String

  public init() {
    token = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64URLText }
  }

  public func viewer(for request: Request) async -> ConsoleViewer? { .everyone }

  public func formToken(for request: Request, viewer: ConsoleViewer) -> String { token }

  public var signsIn: Bool { false }
}

extension Data {
  /// Base64url without padding.
  var base64URLText: String {
    base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }
}
