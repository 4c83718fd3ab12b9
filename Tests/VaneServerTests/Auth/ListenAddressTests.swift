import Foundation
import Testing

@testable import VaneServer

/// Regressions (issue 9, item 10): `--host localhost` failed to start, IPv6 URLs lacked
/// brackets, `--host 0.0.0.0` handed clients `0.0.0.0` URLs; and a non-loopback address
/// without authentication must be refused.
@Suite struct ListenAddressTests {
  @Test func namesResolveToAnAddressToBind() throws {
    let local = try ListenAddress(host: "localhost")
    #expect(local.isLoopback)
    #expect(local.advertised == "localhost")
    #expect(throws: ServeError.self) { try ListenAddress(host: "no-such-host.invalid") }
  }

  @Test func ipv6AddressesAreBracketedInURLs() throws {
    let address = try ListenAddress(host: "::1")
    #expect(address.isIPv6 && address.isLoopback)
    #expect(address.urlHost == "[::1]")
    #expect(try ListenAddress(host: "[::1]").ip == "::1")
  }

  @Test func wildcardsAdvertiseTheMachineOrTheConfiguredName() throws {
    let wildcard = try ListenAddress(host: "0.0.0.0")
    #expect(wildcard.advertised == ProcessInfo.processInfo.hostName)
    #expect(wildcard.advertised != "0.0.0.0")
    #expect(try ListenAddress(host: "0.0.0.0", advertised: "vane.corp").urlHost == "vane.corp")
  }

  @Test func exposureWithoutAuthenticationIsRefused() throws {
    let open = try ListenAddress(host: "0.0.0.0")
    let error = #expect(throws: ServeError.self) {
      try ExposureCheck.check(open, authEnabled: false, allowUnauthenticatedRemote: false)
    }
    #expect(error?.code == .unsafeExposure)
    try ExposureCheck.check(open, authEnabled: true, allowUnauthenticatedRemote: false)
    try ExposureCheck.check(open, authEnabled: false, allowUnauthenticatedRemote: true)
    try ExposureCheck.check(try ListenAddress(host: "127.0.0.1"), authEnabled: false, allowUnauthenticatedRemote: false)
  }

  @Test func tokenRequestsReadBasicCredentialsFormEncoded() {
    let header = "Basic " + Data("ci:a%2Bb%3Dc".utf8).base64EncodedString()
    let pair = TokenEndpoint.credentials(header, form: [:])
    #expect(pair?.0 == "ci" && pair?.1 == "a+b=c")
    let form = TokenEndpoint.form("grant_type=client_credentials&client_id=x&client_secret=y%20z")
    #expect(form["grant_type"] == "client_credentials")
    #expect(TokenEndpoint.credentials(nil, form: form).map { [$0.0, $0.1] } == ["x", "y z"])
  }
}
