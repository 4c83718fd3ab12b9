/// A request field a path or query parameter may set, as the route table records it: how
/// its text becomes JSON (`kind`), and whether the parameter may repeat (a list field).
struct GatewayField: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    /// A JSON string: strings, bytes (base64), timestamps and durations.
    case string
    /// Any integer or float: sent as a JSON string, which proto3 JSON accepts for every
    /// numeric type (and keeps 64-bit values exact).
    case number
    /// `true`/`false` (or `1`/`0`).
    case bool
    /// An enum value by name or number.
    case enumeration
  }

  let kind: Kind
  let repeated: Bool

  init(_ kind: Kind, repeated: Bool = false) {
    self.kind = kind
    self.repeated = repeated
  }
}
