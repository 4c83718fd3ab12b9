public import FlyteIDL
public import Foundation
import SwiftProtobuf
import VaneAdmin
public import VaneAdminStore

/// The data proxy over the data directory (the embedded default): upload locations for fast
/// registration (`pyflyte register`, `pyflyte run --remote`) and download locations, both as
/// expiring single-use signed URLs of `vane serve`'s HTTP endpoint (`TransferGrants`, served
/// by `DataEndpoints`). `native_url` is a `file://` path in the data directory that the engine
/// and the task processes read directly.
///
/// Uploads land at `<data dir>/uploads/<project>/<domain>/<filename_root or md5 hex>/<filename>`,
/// as Flyte's data proxy lays them out under its bucket. A file is never replaced: asking for
/// the location of an existing file is `ALREADY_EXISTS` unless `content_md5` matches it (then
/// the upload is a no-op); an upload's bytes are checked against `content_md5`. Downloads are
/// limited by `DataAccess`.
public struct LocalDataProxy: DataProxyBackend {
  public let grants: TransferGrants
  public let http: HTTPAddress
  public let access: DataAccess

  public init(grants: TransferGrants, http: HTTPAddress, access: DataAccess) {
    self.grants = grants
    self.http = http
    self.access = access
  }

  public func uploadLocation(
    _ request: Flyteidl_Service_CreateUploadLocationRequest, caller: TransferCaller
  ) throws(AdminError) -> Flyteidl_Service_CreateUploadLocationResponse {
    guard request.contentMd5.isEmpty || request.contentMd5.count == 16 else {
      throw AdminError(.invalidArgument, "content_md5 must be the 16 bytes of an MD5 digest", at: "content_md5")
    }
    let md5 = request.contentMd5.isEmpty ? nil : request.contentMd5.map { String(format: "%02x", $0) }.joined()
    let root = request.filenameRoot.isEmpty ? md5 ?? "" : request.filenameRoot
    var parts = [request.project, request.domain]
    if !root.isEmpty { parts.append(root) }
    parts.append(request.filename)
    for part in parts { try DataProxyService.checkPathPart(part) }
    let path = ([access.uploadsRoot] + parts).joined(separator: "/")
    if FileManager.default.fileExists(atPath: path) {
      guard let md5, UploadFile.md5(ofFileAt: path) == md5 else {
        throw AdminError(
          .alreadyExists,
          "a different file was uploaded here before and files are never replaced; "
            + "use another filename_root (or send content_md5 of the same content)",
          at: "upload location \(parts.joined(separator: "/"))")
      }
    }
    let base = try baseURL()
    let lifetime = DataProxyService.lifetime(request.hasExpiresIn ? request.expiresIn : nil)
    let (token, expiresAt) = grants.issue(
      .upload, path: path, lifetime: lifetime, md5: md5, subject: caller.principal?.subject,
      issuer: caller.principal?.issuer, project: caller.project)
    var response = Flyteidl_Service_CreateUploadLocationResponse()
    response.signedURL = "\(base)/data/upload/\(token)"
    response.nativeURL = URL(fileURLWithPath: path).absoluteString
    response.expiresAt = Google_Protobuf_Timestamp(date: expiresAt)
    return response
  }

  public func downloadable(_ nativeURL: String) async throws(AdminError) -> StoredObject {
    let (path, projects) = try await access.downloadable(nativeURL)
    return StoredObject(location: path, projects: projects)
  }

  public func downloadLocation(
    of object: StoredObject, lifetime: TimeInterval, caller: TransferCaller
  ) throws(AdminError) -> Flyteidl_Service_CreateDownloadLocationResponse {
    let base = try baseURL()
    let (token, expiresAt) = grants.issue(
      .download, path: object.location, lifetime: lifetime, subject: caller.principal?.subject,
      issuer: caller.principal?.issuer, project: caller.project)
    var response = Flyteidl_Service_CreateDownloadLocationResponse()
    response.signedURL = "\(base)/data/download/\(token)"
    response.expiresAt = Google_Protobuf_Timestamp(date: expiresAt)
    return response
  }

  private func baseURL() throws(AdminError) -> String {
    guard let base = http.baseURL else {
      throw AdminError(.failedPrecondition, "the HTTP endpoint is not listening yet; retry", at: "data proxy")
    }
    return base
  }
}
