/// One REST route of a gRPC method, as a `google.api.http` annotation declares it: the HTTP
/// verb and path template, which part of the request the body carries (`"*"`: all of it; `""`:
/// none), the fields path and query parameters may set, and the call to make.
/// The table of Flyte's routes is generated (`GatewayRoute.flyte`, Generated/).
struct GatewayRoute: Sendable {
  enum Verb: String, Sendable {
    case get = "GET"
    case post = "POST"
    case put = "PUT"
    case delete = "DELETE"
    case patch = "PATCH"
  }

  let verb: Verb
  let path: String
  let template: PathTemplate
  let body: String
  let call: GatewayCall
  let fields: [String: GatewayField]

  init(verb: Verb, path: String, body: String, call: GatewayCall, fields: [String: GatewayField]) {
    self.verb = verb
    self.path = path
    self.template = PathTemplate(path)
    self.body = body
    self.call = call
    self.fields = fields
  }
}
