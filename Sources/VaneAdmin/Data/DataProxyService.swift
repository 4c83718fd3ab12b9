import FlyteIDL
import FlyteIDLGRPC
public import Foundation
public import GRPCCore
import SwiftProtobuf

/// flyteidl's `DataProxyService` over the data directory: upload locations for fast
/// registration (`pyflyte register`, `pyflyte run --remote`) and download locations, both as
/// expiring URLs of `vane serve`'s HTTP endpoint. `native_url` is a `file://` path in the data
/// directory that the engine and the task processes read directly.
///
/// Uploads land at `<data dir>/uploads/<project>/<domain>/<filename_root or md5 hex>/<filename>`,
/// as Flyte's data proxy lays them out under its bucket.
public struct DataProxyService: RegistrableRPCService {
  public let dataDirectory: String
  public let grants: TransferGrants
  public let http: HTTPAddress
  /// Lifetime of a URL when the request does not ask for one; requests are capped at 7 days.
  public static let defaultLifetime: TimeInterval = 3600
  static let maximumLifetime: TimeInterval = 7 * 24 * 3600

  public init(dataDirectory: String, grants: TransferGrants, http: HTTPAddress) {
    self.dataDirectory = dataDirectory
    self.grants = grants
    self.http = http
  }

  public func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
    typealias M = Flyteidl_Service_DataProxyService.Method
    let proxy = self
    router.unary(M.CreateUploadLocation.descriptor) { (request: M.CreateUploadLocation.Input) throws(AdminError) in
      try proxy.uploadLocation(request)
    }
    router.unary(M.CreateDownloadLocation.descriptor) { (request: M.CreateDownloadLocation.Input) throws(AdminError) in
      try proxy.downloadLocation(request)
    }
  }

  func uploadLocation(
    _ request: Flyteidl_Service_CreateUploadLocationRequest
  ) throws(AdminError)
    -> Flyteidl_Service_CreateUploadLocationResponse
  {
    guard !request.project.isEmpty, !request.domain.isEmpty else {
      throw AdminError(.invalidArgument, "project and domain are required", at: "upload location")
    }
    let root =
      request.filenameRoot.isEmpty
      ? request.contentMd5.map { String(format: "%02x", $0) }.joined() : request.filenameRoot
    var parts = [request.project, request.domain]
    if !root.isEmpty { parts.append(root) }
    parts.append(request.filename)
    for part in parts { try Self.checkPathPart(part) }
    let path = ([dataDirectory, "uploads"] + parts).joined(separator: "/")
    let base = try baseURL()
    let lifetime = Self.lifetime(request.hasExpiresIn ? request.expiresIn : nil)
    let (token, expiresAt) = grants.issue(.upload, path: path, lifetime: lifetime)
    var response = Flyteidl_Service_CreateUploadLocationResponse()
    response.signedURL = "\(base)/data/upload/\(token)"
    response.nativeURL = URL(fileURLWithPath: path).absoluteString
    response.expiresAt = Google_Protobuf_Timestamp(date: expiresAt)
    return response
  }

  func downloadLocation(
    _ request: Flyteidl_Service_CreateDownloadLocationRequest
  ) throws(AdminError)
    -> Flyteidl_Service_CreateDownloadLocationResponse
  {
    guard let url = URL(string: request.nativeURL), url.isFileURL else {
      throw AdminError(.invalidArgument, "only file:// URLs of this server's data directory", at: "native_url")
    }
    let path = url.standardizedFileURL.path
    guard path.hasPrefix(dataDirectory + "/") else {
      throw AdminError(
        .invalidArgument, "the file is outside the data directory", at: "native_url \(request.nativeURL)")
    }
    guard FileManager.default.fileExists(atPath: path) else {
      throw AdminError(.notFound, "no such file", at: "native_url \(request.nativeURL)")
    }
    let (token, expiresAt) = grants.issue(
      .download, path: path, lifetime: Self.lifetime(request.hasExpiresIn ? request.expiresIn : nil))
    var response = Flyteidl_Service_CreateDownloadLocationResponse()
    response.signedURL = "\(try baseURL())/data/download/\(token)"
    response.expiresAt = Google_Protobuf_Timestamp(date: expiresAt)
    return response
  }

  private func baseURL() throws(AdminError) -> String {
    guard let base = http.baseURL else {
      throw AdminError(.failedPrecondition, "the HTTP endpoint is not listening yet; retry", at: "data proxy")
    }
    return base
  }

  static func lifetime(_ requested: Google_Protobuf_Duration?) -> TimeInterval {
    guard let requested, requested.seconds > 0 else { return defaultLifetime }
    return min(TimeInterval(requested.seconds), maximumLifetime)
  }

  static func checkPathPart(_ part: String) throws(AdminError) {
    guard !part.isEmpty, part != ".", part != "..", !part.contains("/"), !part.contains("\0") else {
      throw AdminError(
        .invalidArgument, "'\(part)' cannot be a path component; give a plain file name", at: "upload location")
    }
  }
}
