import Foundation

/// The message format between the engine and a fork server.
///
/// Each message is a frame: a 4-byte big-endian length, then that many bytes of one JSON object
/// with a `type`. Frames are bounded both ways, so neither side can be made to buffer without
/// limit. The server speaks first (`hello`, carrying its protocol number, or `fatal`); the engine
/// sends only `fork` requests and hangs up to stop the server.
///
/// ```
/// engine → server   fork {id, argv, env, cwd, stdout, stderr, imports, limits}
/// server → engine   hello {protocol, pid, flytekit, python, bundle}
///                   forked {id, pid}            the attempt's leader runs
///                   refused {id, reason, spent} nothing was forked (spent: nor will be again)
///                   exited {id, pid, status}    a leader ended (raw wait status)
///                   fatal {reason}              the server is about to exit
/// ```
enum ForkProtocol {
  /// The protocol this engine speaks; a server announcing another one is stopped.
  static let version = 1
  /// The largest request the engine sends (a task's environment and arguments fit many times).
  static let maximumRequestBytes = 4 << 20
  /// The largest reply the engine accepts.
  static let maximumReplyBytes = 64 << 10

  /// `payload` with its length in front.
  static func frame(_ payload: Data) -> Data {
    let length = UInt32(payload.count)
    var frame = Data([
      UInt8(length >> 24), UInt8((length >> 16) & 0xff), UInt8((length >> 8) & 0xff), UInt8(length & 0xff),
    ])
    frame.append(payload)
    return frame
  }
}

/// A fork server broke the protocol: a frame over the limit, a message that is not what the
/// protocol allows. The server is stopped.
struct ForkProtocolError: Error, Equatable, CustomStringConvertible {
  var message: String

  init(_ message: String) { self.message = message }

  var description: String { message }
}
