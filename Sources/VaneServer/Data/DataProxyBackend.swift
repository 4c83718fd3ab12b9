public import FlyteIDL
public import Foundation
public import VaneAdmin
public import VaneAdminStore

/// Where the data proxy's signed URLs point — the one choice between the embedded default and
/// object storage. `DataProxyService` authorizes every request (the caller's role in the
/// project an upload goes to, or in the projects a stored object belongs to) before it asks
/// the backend for a URL:
///
/// - `LocalDataProxy`: single-use expiring grants on `vane serve`'s own HTTP endpoint, files in
///   the data directory, `file://` native URLs;
/// - `BucketDataProxy`: presigned URLs of the bucket (the bytes never pass through Vane),
///   `s3://` native URLs.
public protocol DataProxyBackend: Sendable {
  /// A URL to upload one file to (`CreateUploadLocation`), where the file will be
  /// (`native_url`), and the headers the upload must send. `caller` was authorized to write
  /// to `request.project`.
  func uploadLocation(
    _ request: Flyteidl_Service_CreateUploadLocationRequest, caller: TransferCaller
  ) async throws(AdminError) -> Flyteidl_Service_CreateUploadLocationResponse

  /// The stored object `nativeURL` names, if this backend serves it at all: it exists, lies
  /// where downloads are allowed, and belongs to the projects returned (checked before any URL
  /// is signed). Throws `invalidArgument` outside the served areas and `notFound` when missing.
  func downloadable(_ nativeURL: String) async throws(AdminError) -> StoredObject

  /// A URL to download `object` (found by `downloadable`) for `lifetime` seconds
  /// (`CreateDownloadLocation`, and `CreateDownloadLink` once the artifact is found). `caller`
  /// was authorized to read it.
  func downloadLocation(
    of object: StoredObject, lifetime: TimeInterval, caller: TransferCaller
  ) async throws(AdminError) -> Flyteidl_Service_CreateDownloadLocationResponse
}

/// A stored object a download URL may be signed for.
public struct StoredObject: Sendable, Hashable {
  /// The backend's own name of it: a canonical path (local) or an `s3://` URI (bucket).
  public var location: String
  /// The projects it belongs to; nil when it is not one project's (task outputs, whose
  /// paths name none): reading it then needs the role in every project.
  public var projects: Set<String>?

  public init(location: String, projects: Set<String>?) {
    self.location = location
    self.projects = projects
  }
}

/// Who a transfer URL is for, once the data proxy has authorized the request: a backend that
/// checks its URLs again when they are used (`LocalDataProxy`'s grants, so revoking a client
/// revokes its outstanding URLs) records it. Empty with authentication off.
public struct TransferCaller: Sendable {
  public var principal: Principal?
  /// The project the transfer was authorized in; nil when authorized everywhere.
  public var project: String?

  public init(principal: Principal?, project: String?) {
    self.principal = principal
    self.project = project
  }
}
