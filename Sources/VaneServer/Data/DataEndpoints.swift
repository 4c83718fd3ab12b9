import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore
import VaneAdmin

#if canImport(Glibc)
import Glibc
#endif

/// The HTTP side of `vane serve`: `GET /healthz`, and the targets of the data proxy's signed
/// URLs, both streamed in chunks so memory stays flat whatever the file size:
///
/// - `PUT /data/upload/<token>` — single-use: the body is written to a private temporary file
///   while its MD5 is computed, checked against the `content_md5` the URL was issued for (or
///   the request's `Content-MD5`), and published under the granted name only if nothing has
///   that name yet (an identical file counts as done). 400 on a digest mismatch, 409 when a
///   different file exists, 410 for a URL used before, 413 past the size limit.
/// - `GET /data/download/<token>` — the granted regular file, opened without following links.
///   HTML (such as a task's deck) is served as `text/html` in a sandbox (its own opaque origin:
///   its scripts run but cannot act with the console's session or read the server's pages).
public struct DataEndpoints: HTTPEndpoint {
  public let grants: TransferGrants
  public let access: DataAccess
  /// Largest upload accepted, in bytes.
  public var maximumUploadBytes: Int64
  /// Where uploads (they change data) and refused transfers are recorded (auth on).
  public var audit: (any AuditSink)?
  static let chunkBytes = 256 * 1024

  public init(
    grants: TransferGrants, access: DataAccess, maximumUploadBytes: Int64 = 4 << 30, audit: (any AuditSink)? = nil
  ) {
    self.grants = grants
    self.access = access
    self.maximumUploadBytes = maximumUploadBytes
    self.audit = audit
  }

  /// Adds the routes to `router`.
  public func add(to router: Router<BasicRequestContext>) {
    router.get("/healthz") { _, _ in "ok\n" }
    let endpoints = self
    router.put("/data/upload/:token") { request, context in
      let token = try context.parameters.require("token")
      do {
        let response = try await endpoints.upload(request, token: token)
        endpoints.record(token, .upload, outcome: .ok, detail: "")
        return response
      } catch let error as HTTPError {
        endpoints.record(token, .upload, outcome: error.status == .forbidden ? .denied : .failed, detail: "\(error)")
        throw error
      }
    }
    router.get("/data/download/:token") { _, context in
      let token = try context.parameters.require("token")
      do {
        return try endpoints.download(token: token)
      } catch let error as HTTPError {
        endpoints.record(token, .download, outcome: error.status == .forbidden ? .denied : .failed, detail: "\(error)")
        throw error
      }
    }
  }

  /// Audits a transfer under the grant's subject and project (`-` for a token that is not one).
  func record(_ token: String, _ action: TransferGrants.Action, outcome: AuditRecord.Outcome, detail: String) {
    guard let audit else { return }
    let grant = grants.redeem(token, for: action)
    audit.record(
      AuditRecord(
        time: Date(), subject: grant?.subject ?? "-", issuer: grant?.issuer ?? "-", peer: "-", transport: "http",
        action: action == .upload ? "PUT /data/upload" : "GET /data/download",
        projects: grant?.project.map { [$0] } ?? [], outcome: outcome, detail: detail))
  }

  func upload(_ request: Request, token: String) async throws -> Response {
    guard let grant = grants.redeem(token, for: .upload) else {
      throw HTTPError(.forbidden, message: "this upload URL is unknown or expired; ask for a new one\n")
    }
    guard access.stillAllowed(grant, role: .write) else {
      throw HTTPError(.forbidden, message: "the client this URL was issued to may no longer write here\n")
    }
    let expected = try grant.md5 ?? Self.contentMD5(request.headers[HTTPField.Name("Content-MD5")!])
    guard grants.claim(token, until: grant.expiresAt) else {
      throw HTTPError(.gone, message: "this upload URL was used already; ask for a new one\n")
    }
    var file: UploadFile
    do {
      file = try UploadFile(target: grant.path, root: access.uploadsRoot)
    } catch {
      grants.release(token)
      throw HTTPError(.internalServerError, message: "\(error)\n")
    }
    do {
      for try await buffer in request.body {
        try buffer.withUnsafeReadableBytes { bytes throws(UploadFile.Failure) in
          try file.append(bytes, limit: maximumUploadBytes)
        }
      }
    } catch {
      file.abandon()
      grants.release(token)
      if case .tooLarge(let limit) = error as? UploadFile.Failure {
        throw HTTPError(.contentTooLarge, message: "uploads are limited to \(limit) bytes\n")
      }
      throw error
    }
    do throws(UploadFile.Failure) {
      try file.finish(expectedMD5: expected)
    } catch {
      switch error {
      case .digestMismatch(let expected, let actual):
        grants.release(token)
        throw HTTPError(.badRequest, message: "the body's MD5 is \(actual), the URL was issued for \(expected)\n")
      case .exists:
        throw HTTPError(.conflict, message: "a different file exists under this name; files are never replaced\n")
      case .tooLarge, .io:
        grants.release(token)
        throw HTTPError(.internalServerError, message: "\(error)\n")
      }
    }
    return Response(status: .ok)
  }

  /// The hex digest of a `Content-MD5` header (base64 of 16 bytes), nil when absent.
  static func contentMD5(_ header: String?) throws -> String? {
    guard let header else { return nil }
    guard let bytes = Data(base64Encoded: header.trimmingCharacters(in: .whitespaces)), bytes.count == 16 else {
      throw HTTPError(.badRequest, message: "Content-MD5 must be the base64 of a 16-byte MD5 digest\n")
    }
    return bytes.map { String(format: "%02x", $0) }.joined()
  }

  func download(token: String) throws -> Response {
    guard let grant = grants.redeem(token, for: .download) else {
      throw HTTPError(.forbidden, message: "this download URL is unknown or expired; ask for a new one\n")
    }
    guard access.stillAllowed(grant, role: .read) else {
      throw HTTPError(.forbidden, message: "the client this URL was issued to may no longer read this\n")
    }
    guard let status = FileStatus(path: grant.path) else { throw HTTPError(.notFound, message: "the file is gone\n") }
    guard status.isRegularFile else { throw HTTPError(.forbidden, message: "only regular files are served\n") }
    // O_NOFOLLOW: a link put in its place since the check is not followed either.
    let fd = open(grant.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    guard fd >= 0 else { throw HTTPError(.notFound, message: "the file is gone\n") }
    let size = Int(status.size)
    let body = ResponseBody(contentLength: size) { writer in
      defer { close(fd) }
      var offset = 0
      var buffer = ByteBuffer()
      while offset < size {
        buffer.clear(minimumCapacity: Self.chunkBytes)
        let count = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: Self.chunkBytes) { bytes in
          max(0, pread(fd, bytes.baseAddress, min(bytes.count, size - offset), off_t(offset)))
        }
        guard count > 0 else { throw HTTPError(.internalServerError, message: "the file shrank while being read\n") }
        offset += count
        try await writer.write(buffer)
      }
      try await writer.finish(nil)
    }
    var headers = HTTPFields()
    let contentType = Self.contentType(of: grant.path)
    headers[.contentType] = contentType
    headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
    if contentType.hasPrefix("text/html") {
      // A deck is the task's own HTML: a sandbox makes it an opaque origin of its own.
      headers[HTTPField.Name("Content-Security-Policy")!] = "sandbox allow-scripts"
    }
    return Response(status: .ok, headers: headers, body: body)
  }

  /// `text/html` for HTML files (a task's deck opens in the browser as a page), else
  /// `application/octet-stream`.
  static func contentType(of path: String) -> String {
    let lower = path.lowercased()
    return lower.hasSuffix(".html") || lower.hasSuffix(".htm") ? "text/html; charset=utf-8" : "application/octet-stream"
  }
}
