/// A handler's verdict carried as an error, for lookups that either find what a node needs or
/// already know how the node ends (a `Result` of the thing or the verdict).
struct VerdictError: Error {
  let verdict: HandlerVerdict

  init(_ verdict: HandlerVerdict) {
    self.verdict = verdict
  }
}
