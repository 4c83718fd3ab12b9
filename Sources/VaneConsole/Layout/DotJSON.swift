import Foundation

/// Reads what `dot -Tjson0` prints for a ``DotSource`` into a ``PositionedGraph``: node
/// centres and sizes, cluster boxes, edge splines. Graphviz's y axis grows upwards; the
/// result's grows downwards, as SVG's.
enum DotJSON {
  struct Document: Decodable {
    var bb: String?
    var objects: [Object]?
    var edges: [EdgeObject]?
  }

  struct Object: Decodable {
    var _gvid: Int?
    var name: String
    var bb: String?
    var pos: String?
    var width: String?
    var height: String?
  }

  struct EdgeObject: Decodable {
    var tail: Int
    var head: Int
    var pos: String?
  }

  static func parse(_ data: Data, source: DotSource) throws(ConsoleError) -> PositionedGraph {
    let document: Document
    do {
      document = try JSONDecoder().decode(Document.self, from: data)
    } catch {
      throw ConsoleError(.layoutFailed, "Graphviz printed JSON this console cannot read: \(error)")
    }
    guard let box = document.bb.flatMap(numbers), box.count == 4 else {
      throw ConsoleError(.layoutFailed, "Graphviz's answer has no bounding box")
    }
    let height = box[3]
    func flip(_ x: Double, _ y: Double) -> PositionedGraph.Point { .init(x: x, y: height - y) }

    var nodes: [String: PositionedGraph.Rect] = [:]
    var clusters: [String: PositionedGraph.Rect] = [:]
    var byGVID: [Int: String] = [:]
    for object in document.objects ?? [] {
      guard let element = source.elements[object.name] else { continue }
      if object.name.hasPrefix("cluster_") {
        guard let frame = object.bb.flatMap(numbers), frame.count == 4 else { continue }
        clusters[element] = .init(
          x: frame[0], y: height - frame[3], width: frame[2] - frame[0], height: frame[3] - frame[1])
        continue
      }
      guard let position = object.pos.flatMap(numbers), position.count == 2,
        let width = object.width.flatMap(Double.init), let tall = object.height.flatMap(Double.init)
      else { continue }
      if let gvid = object._gvid { byGVID[gvid] = element }
      let centre = flip(position[0], position[1])
      nodes[element] = .init(x: centre.x - width * 36, y: centre.y - tall * 36, width: width * 72, height: tall * 72)
    }
    var edges: [PositionedGraph.Edge] = []
    for edge in document.edges ?? [] {
      guard let from = byGVID[edge.tail], let to = byGVID[edge.head], let pos = edge.pos else { continue }
      var points: [PositionedGraph.Point] = []
      var tip: PositionedGraph.Point?
      for token in pos.split(separator: " ") {
        if token.hasPrefix("e,") {
          if let pair = numbers(String(token.dropFirst(2))), pair.count == 2 { tip = flip(pair[0], pair[1]) }
        } else if token.hasPrefix("s,") {
          continue
        } else if let pair = numbers(String(token)), pair.count == 2 {
          points.append(flip(pair[0], pair[1]))
        }
      }
      guard !points.isEmpty else { continue }
      edges.append(.init(from: from, to: to, points: points, arrowTip: tip))
    }
    return PositionedGraph(width: box[2], height: height, nodes: nodes, clusters: clusters, edges: edges)
  }

  /// `"1.5,2,3"` → `[1.5, 2, 3]`; nil when any part is not a number.
  static func numbers(_ text: String) -> [Double]? {
    var values: [Double] = []
    for part in text.split(separator: ",") {
      guard let value = Double(part.trimmingCharacters(in: .whitespaces)), value.isFinite else { return nil }
      values.append(value)
    }
    return values
  }
}
