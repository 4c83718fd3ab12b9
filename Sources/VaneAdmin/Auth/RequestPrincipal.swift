/// The verified caller of the request being served, set by the server's authentication edge
/// for the duration of the call, so that components that shape answers per caller (the
/// project list, data grants, the console) can read it without a parameter on every call.
/// Nil when authentication is off.
public enum RequestPrincipal {
  @TaskLocal public static var current: Principal?
}
