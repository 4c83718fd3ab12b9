/// Refuses to serve a non-loopback address without authentication: anyone who can reach the
/// port could register and run code as the server's user. `server.allow_unauthenticated_remote`
/// (`--allow-unauthenticated-remote`) overrides it for networks that are protected otherwise.
public enum ExposureCheck {
  public static func check(
    _ address: ListenAddress, authEnabled: Bool, allowUnauthenticatedRemote: Bool
  ) throws(ServeError) {
    guard !address.isLoopback, !authEnabled, !allowUnauthenticatedRemote else { return }
    throw ServeError(
      .unsafeExposure,
      "listening on \(address.ip) without authentication would let anyone who reaches it run code as this "
        + "user; turn on auth (--auth / auth.enabled), bind 127.0.0.1, or pass --allow-unauthenticated-remote",
      at: "server.host")
  }
}
