import Foundation

/// A grpc-gateway path template, `/api/v1/tasks/{id.project}/{id.domain}`: literal segments and
/// variables, each variable one segment naming a request field by its dotted proto path.
/// Flyte's annotations use only single-segment variables (`{a.b}`, never `{a=**}`).
struct PathTemplate: Sendable, Equatable {
  enum Segment: Sendable, Equatable {
    case literal(String)
    case variable(String)
  }

  let segments: [Segment]

  init(_ template: String) {
    segments = template.split(separator: "/", omittingEmptySubsequences: true).map { part in
      if part.hasPrefix("{"), part.hasSuffix("}") {
        let inner = part.dropFirst().dropLast()
        return .variable(String(inner.split(separator: "=", maxSplits: 1).first ?? inner))
      }
      return .literal(String(part))
    }
  }

  /// How many segments are literal: among templates that match a path, the one with more
  /// literal segments is the more specific.
  var literalCount: Int {
    segments.reduce(0) { count, segment in
      if case .literal = segment { count + 1 } else { count }
    }
  }

  /// The variables' values when `path` matches (percent-decoded), else nil. A variable never
  /// matches an empty segment.
  func match(_ path: String) -> [String: String]? {
    let parts = path.split(separator: "/", omittingEmptySubsequences: true)
    guard parts.count == segments.count else { return nil }
    var values: [String: String] = [:]
    for (part, segment) in zip(parts, segments) {
      switch segment {
      case .literal(let text):
        guard part == text else { return nil }
      case .variable(let field):
        guard let value = String(part).removingPercentEncoding, !value.isEmpty else { return nil }
        values[field] = value
      }
    }
    return values
  }
}
