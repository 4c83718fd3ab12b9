import FlyteIDL
import FlyteIDLGRPC
public import GRPCCore

/// flyteidl's `AuthMetadataService` for a server without authentication: flytekit asks it for
/// the OAuth2 metadata and public client config only when a call comes back unauthenticated,
/// which never happens here; the answers are empty but well-formed, so any client that asks
/// at connect time proceeds without credentials.
public struct AuthMetadataService: RegistrableRPCService {
  public init() {}

  public func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
    typealias M = Flyteidl_Service_AuthMetadataService.Method
    router.unary(M.GetOAuth2Metadata.descriptor) { (_: M.GetOAuth2Metadata.Input) throws(AdminError) in
      M.GetOAuth2Metadata.Output()
    }
    router.unary(M.GetPublicClientConfig.descriptor) { (_: M.GetPublicClientConfig.Input) throws(AdminError) in
      var config = M.GetPublicClientConfig.Output()
      config.authorizationMetadataKey = "authorization"
      return config
    }
  }
}
