import FlyteIDL
import FlyteIDLGRPC
public import Foundation
public import GRPCCore
import SwiftProtobuf
public import VaneAdmin
import VaneAdminStore

/// flyteidl's `DataProxyService`: upload locations for fast registration (`pyflyte register`,
/// `pyflyte run --remote`), download locations of stored objects, and download links of a
/// node execution's artifacts (its deck). The URLs come from `backend` — this server's HTTP
/// endpoint (`LocalDataProxy`) or presigned URLs of the bucket (`BucketDataProxy`).
///
/// Whichever the backend, every request is authorized here before it is asked for a URL: an
/// upload needs `write` in its project, a download `read` in every project the object belongs
/// to (`DataProxyBackend/downloadable(_:)`), a deck link `read` in the node execution's
/// project. A refusal is `PERMISSION_DENIED` and, like every call, audited by the interceptor.
public struct DataProxyService: RegistrableRPCService {
  public let backend: any DataProxyBackend
  /// Finds a node execution's deck for `CreateDownloadLink`; nil when the server has none.
  public let nodes: NodeExecutionReader?
  /// Who may transfer what (a no-op with authentication off).
  public let access: DataAccess
  /// Lifetime of a URL when the request does not ask for one; requests are capped at 7 days.
  public static let defaultLifetime: TimeInterval = 3600
  static let maximumLifetime: TimeInterval = 7 * 24 * 3600

  public init(backend: any DataProxyBackend, nodes: NodeExecutionReader?, access: DataAccess) {
    self.backend = backend
    self.nodes = nodes
    self.access = access
  }

  public func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
    typealias M = Flyteidl_Service_DataProxyService.Method
    let proxy = self
    router.unary(M.CreateUploadLocation.descriptor) { (request: M.CreateUploadLocation.Input) throws(AdminError) in
      try await proxy.uploadLocation(request)
    }
    router.unary(M.CreateDownloadLocation.descriptor) { (request: M.CreateDownloadLocation.Input) throws(AdminError) in
      try await proxy.downloadLocation(request)
    }
    router.unary(M.CreateDownloadLink.descriptor) { (request: M.CreateDownloadLink.Input) throws(AdminError) in
      try await proxy.downloadLink(request)
    }
    router.unary(M.GetData.descriptor) { (request: M.GetData.Input) throws(AdminError) in
      try await proxy.data(request)
    }
  }

  /// An upload URL, once the caller may write to the request's project.
  func uploadLocation(
    _ request: Flyteidl_Service_CreateUploadLocationRequest
  ) async throws(AdminError) -> Flyteidl_Service_CreateUploadLocationResponse {
    guard !request.project.isEmpty, !request.domain.isEmpty else {
      throw AdminError(.invalidArgument, "project and domain are required", at: "upload location")
    }
    let principal = RequestPrincipal.current
    try access.authorize(principal, .write, projects: [request.project], what: "upload to project \(request.project)")
    return try await backend.uploadLocation(
      request, caller: TransferCaller(principal: principal, project: request.project))
  }

  /// A download URL of a stored object, once the caller may read every project it belongs to.
  func downloadLocation(
    _ request: Flyteidl_Service_CreateDownloadLocationRequest
  ) async throws(AdminError) -> Flyteidl_Service_CreateDownloadLocationResponse {
    let object = try await backend.downloadable(request.nativeURL)
    let principal = RequestPrincipal.current
    try access.authorize(principal, .read, projects: object.projects, what: "download \(request.nativeURL)")
    let project = object.projects?.count == 1 ? object.projects?.first : nil
    return try await backend.downloadLocation(
      of: object, lifetime: Self.lifetime(request.hasExpiresIn ? request.expiresIn : nil),
      caller: TransferCaller(principal: principal, project: project))
  }

  /// A download URL of a node execution's deck (`ARTIFACT_TYPE_DECK`, the only artifact type
  /// flyteidl defines), as Flyte answers it: `NOT_FOUND` until the task has written it.
  func downloadLink(
    _ request: Flyteidl_Service_CreateDownloadLinkRequest
  ) async throws(AdminError) -> Flyteidl_Service_CreateDownloadLinkResponse {
    guard request.artifactType == .deck else {
      throw AdminError(.invalidArgument, "the artifact type must be ARTIFACT_TYPE_DECK", at: "artifact_type")
    }
    guard case .nodeExecutionID(let id)? = request.source else {
      throw AdminError(.invalidArgument, "give the node execution whose deck to link", at: "node_execution_id")
    }
    let project = id.executionID.project
    let principal = RequestPrincipal.current
    try access.authorize(
      principal, .read, projects: [project], what: "deck of node '\(id.nodeID)' in project \(project)")
    guard let nodes else {
      throw AdminError(.unimplemented, "this server keeps no node executions", at: "CreateDownloadLink")
    }
    let node = try await nodes.node(id)
    guard !node.closure.deckUri.isEmpty else {
      throw AdminError(
        .notFound, "node execution '\(id.nodeID)' has no deck (its task does not generate one, or has not run)",
        at: "node_execution_id")
    }
    // The deck belongs to the node execution's project, whatever its path says (a deck under
    // the raw output prefix names no project).
    let deck = try await backend.downloadable(node.closure.deckUri)
    let found = try await backend.downloadLocation(
      of: StoredObject(location: deck.location, projects: [project]),
      lifetime: Self.lifetime(request.hasExpiresIn ? request.expiresIn : nil),
      caller: TransferCaller(principal: principal, project: project))
    var response = Flyteidl_Service_CreateDownloadLinkResponse()
    response.preSignedUrls.signedURL = [found.signedURL]
    response.preSignedUrls.expiresAt = found.expiresAt
    // The deprecated fields too, for older clients.
    response.signedURL = [found.signedURL]
    response.expiresAt = found.expiresAt
    return response
  }

  /// What a Flyte data URL (`flyte://v1/…`, from `flyte_urls`) names: inputs or outputs as
  /// literals, or a link to the deck — `FlyteRemote.get`. Needs `read` in the URL's project.
  func data(_ request: Flyteidl_Service_GetDataRequest) async throws(AdminError) -> Flyteidl_Service_GetDataResponse {
    guard let url = FlyteURL(parsing: request.flyteURL) else {
      throw AdminError(
        .invalidArgument,
        "'\(request.flyteURL.prefix(200))' is not a Flyte data URL "
          + "(flyte://v1/PROJECT/DOMAIN/EXECUTION/NODE[/ATTEMPT]/i|o|d[/NAME])", at: "flyte_url")
    }
    try access.authorize(
      RequestPrincipal.current, .read, projects: [url.project], what: "data of \(url.text) in project \(url.project)")
    guard let nodes else {
      throw AdminError(.unimplemented, "this server keeps no node executions", at: "GetData")
    }
    var response = Flyteidl_Service_GetDataResponse()
    switch try await nodes.data(at: url) {
    case .literals(let literals): response.literalMap = literals
    case .literal(let literal): response.literal = literal
    case .deck(let id):
      var link = Flyteidl_Service_CreateDownloadLinkRequest()
      link.artifactType = .deck
      link.nodeExecutionID = id
      response.preSignedUrls = try await downloadLink(link).preSignedUrls
    }
    return response
  }

  /// The requested lifetime of a URL, capped at 7 days (the longest SigV4 allows); the default
  /// when none (or not a positive one) is asked for.
  static func lifetime(_ requested: Google_Protobuf_Duration?) -> TimeInterval {
    guard let requested, requested.seconds > 0 else { return defaultLifetime }
    return min(TimeInterval(requested.seconds), maximumLifetime)
  }

  /// Fails unless `part` is one plain path component.
  static func checkPathPart(_ part: String) throws(AdminError) {
    guard !part.isEmpty, part != ".", part != "..", !part.contains("/"), !part.contains("\0"), part.utf8.count <= 255
    else {
      throw AdminError(
        .invalidArgument, "'\(part.prefix(80))' cannot be a path component; give a plain file name",
        at: "upload location")
    }
  }
}
