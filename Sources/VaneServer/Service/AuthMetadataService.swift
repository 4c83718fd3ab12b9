import FlyteIDL
import FlyteIDLGRPC
public import GRPCCore
import VaneAdminStore

/// flyteidl's `AuthMetadataService`, where flytekit learns how to get a token once a call comes
/// back `UNAUTHENTICATED`: with authentication on, the OAuth2 metadata of Vane's own
/// authorization server (token endpoint, JWKS, client-credentials grant) and the public
/// client config (metadata key `flyte-authorization`, scope `all`, audience). Without it the
/// answers are empty but well-formed, and no call is ever refused. Open to unauthenticated
/// callers (see `AuthInterceptor`).
public struct AuthMetadataService: RegistrableRPCService {
  public let metadata: OAuthMetadata?

  public init(metadata: OAuthMetadata? = nil) {
    self.metadata = metadata
  }

  public func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
    typealias M = Flyteidl_Service_AuthMetadataService.Method
    let metadata = self.metadata
    router.unary(M.GetOAuth2Metadata.descriptor) { (_: M.GetOAuth2Metadata.Input) throws(AdminError) in
      var answer = M.GetOAuth2Metadata.Output()
      guard let metadata else { return answer }
      answer.issuer = metadata.issuer()
      answer.tokenEndpoint = metadata.tokenEndpoint
      answer.jwksUri = metadata.jwksURI
      answer.grantTypesSupported = ["client_credentials"]
      answer.responseTypesSupported = ["token"]
      answer.scopesSupported = metadata.scopes
      answer.tokenEndpointAuthMethodsSupported = ["client_secret_basic", "client_secret_post"]
      return answer
    }
    router.unary(M.GetPublicClientConfig.descriptor) { (_: M.GetPublicClientConfig.Input) throws(AdminError) in
      var config = M.GetPublicClientConfig.Output()
      config.authorizationMetadataKey = metadata?.headerKey ?? "authorization"
      if let metadata {
        config.scopes = metadata.scopes
        config.audience = metadata.audience
        config.serviceHTTPEndpoint = metadata.issuer()
      }
      return config
    }
  }
}
