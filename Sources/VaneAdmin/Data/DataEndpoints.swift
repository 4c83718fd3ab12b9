import Foundation
public import Hummingbird
import NIOCore

/// The HTTP side of `vane serve`: `GET /healthz`, and the targets of the data proxy's URLs —
/// `PUT /data/upload/<token>` (the body becomes the granted file, written to a temporary name
/// and renamed, so a reader never sees half a file) and `GET /data/download/<token>`.
public struct DataEndpoints: Sendable {
  public let grants: TransferGrants
  /// Largest upload accepted, in bytes.
  public var maximumUploadBytes: Int

  public init(grants: TransferGrants, maximumUploadBytes: Int = 2 << 30) {
    self.grants = grants
    self.maximumUploadBytes = maximumUploadBytes
  }

  /// Adds the routes to `router`.
  public func add<Context: RequestContext>(to router: Router<Context>) {
    router.get("/healthz") { _, _ in "ok\n" }
    let endpoints = self
    router.put("/data/upload/:token") { request, context in
      try await endpoints.upload(request, token: context.parameters.require("token"))
    }
    router.get("/data/download/:token") { _, context in
      try endpoints.download(token: context.parameters.require("token"))
    }
  }

  func upload(_ request: Request, token: String) async throws -> Response {
    guard let grant = grants.redeem(token, for: .upload) else {
      throw HTTPError(.forbidden, message: "this upload URL is unknown or expired; ask for a new one\n")
    }
    let target = URL(fileURLWithPath: grant.path)
    let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(token)")
    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
      let handle = FileHandle(forWritingAtPath: temporary.path)
    else {
      throw HTTPError(.internalServerError, message: "cannot write \(temporary.path)\n")
    }
    var written = 0
    do {
      defer { try? handle.close() }
      for try await buffer in request.body {
        written += buffer.readableBytes
        guard written <= maximumUploadBytes else {
          throw HTTPError(.contentTooLarge, message: "uploads are limited to \(maximumUploadBytes) bytes\n")
        }
        try handle.write(contentsOf: Data(buffer.readableBytesView))
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
    _ = try? FileManager.default.removeItem(at: target)
    try FileManager.default.moveItem(at: temporary, to: target)
    return Response(status: .ok)
  }

  func download(token: String) throws -> Response {
    guard let grant = grants.redeem(token, for: .download) else {
      throw HTTPError(.forbidden, message: "this download URL is unknown or expired; ask for a new one\n")
    }
    guard let data = FileManager.default.contents(atPath: grant.path) else {
      throw HTTPError(.notFound, message: "the file is gone\n")
    }
    return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }
}
