public import FlyteIDL
import Foundation
import VaneData
import VaneModel

/// Inputs and outputs as readable HTML: primitives as text with their kind, lists and maps
/// as nested lists (long ones cut, saying how many more), dataclasses as formatted JSON,
/// files and directories as download links, structured datasets as their columns, format and
/// a link to a preview of their first rows.
public struct LiteralHTML: Sendable {
  /// The link for downloading the file at a URI (nil: show the URI without a link).
  public var download: @Sendable (String) -> String?
  /// The link for a table preview of a structured dataset at a URI (nil: none).
  public var preview: @Sendable (String) -> String?

  public init(
    download: @escaping @Sendable (String) -> String?, preview: @escaping @Sendable (String) -> String? = { _ in nil }
  ) {
    self.download = download
    self.preview = preview
  }

  /// Items of a list or map shown before the rest is summarised.
  static let itemLimit = 100
  /// Characters of one string shown before it is cut.
  static let textLimit = 4000
  static let depthLimit = 12

  /// The whole map as a definition list, names sorted.
  public func render(_ map: Flyteidl_Core_LiteralMap) -> String {
    guard !map.literals.isEmpty else { return "<p class=\"muted\">none</p>" }
    var out = "<dl class=\"literals\">"
    for name in map.literals.keys.sorted() {
      out += "<dt>\(HTML.escape(name))</dt><dd>\(render(map.literals[name]!, depth: 0))</dd>"
    }
    return out + "</dl>"
  }

  func render(_ literal: Flyteidl_Core_Literal, depth: Int) -> String {
    guard depth < Self.depthLimit else { return "<span class=\"muted\">…</span>" }
    switch literal.value {
    case .scalar(let scalar)?: return render(scalar, depth: depth)
    case .collection(let collection)?:
      return list(collection.literals.count, "list") { index in render(collection.literals[index], depth: depth + 1) }
    case .map(let map)?:
      let keys = map.literals.keys.sorted()
      var out = "<dl class=\"map\">"
      for key in keys.prefix(Self.itemLimit) {
        out += "<dt>\(HTML.escape(key))</dt><dd>\(render(map.literals[key]!, depth: depth + 1))</dd>"
      }
      if keys.count > Self.itemLimit {
        out += "<dt class=\"muted\">…</dt><dd class=\"muted\">\(keys.count - Self.itemLimit) more</dd>"
      }
      return out + "</dl>"
    case .offloadedMetadata(let offloaded)?:
      return "<span class=\"kind\">offloaded</span> " + link(offloaded.uri)
    case nil:
      return "<span class=\"muted\">empty</span>"
    }
  }

  func list(_ count: Int, _ kind: String, item: (Int) -> String) -> String {
    guard count > 0 else { return "<span class=\"muted\">[] (empty \(kind))</span>" }
    var out = "<ol class=\"list\" start=\"0\">"
    for index in 0..<min(count, Self.itemLimit) { out += "<li>\(item(index))</li>" }
    if count > Self.itemLimit { out += "<li class=\"muted more\">… \(count - Self.itemLimit) more</li>" }
    return out + "</ol>"
  }

  func render(_ scalar: Flyteidl_Core_Scalar, depth: Int) -> String {
    switch scalar.value {
    case .primitive(let primitive)?: return render(primitive)
    case .blob(let blob)?:
      let kind = blob.metadata.type.dimensionality == .multipart ? "directory" : "file"
      let format = blob.metadata.type.format.isEmpty ? "" : " (\(HTML.escape(blob.metadata.type.format)))"
      return "<span class=\"kind\">\(kind)\(format)</span> " + link(blob.uri)
    case .structuredDataset(let dataset)?:
      let type = dataset.metadata.structuredDatasetType
      var out = "<span class=\"kind\">dataset"
      if !type.format.isEmpty { out += " (\(HTML.escape(type.format)))" }
      out += "</span> " + link(dataset.uri)
      if !type.columns.isEmpty {
        out += "<table class=\"columns\"><tr>"
        for column in type.columns { out += "<th>\(HTML.escape(column.name))</th>" }
        out += "</tr><tr>"
        for column in type.columns { out += "<td class=\"muted\">\(HTML.escape(column.literalType.readable))</td>" }
        out += "</tr></table>"
      }
      if let preview = preview(dataset.uri) {
        out +=
          "<div class=\"preview\" data-preview=\"\(HTML.escape(preview))\"><a href=\"\(HTML.escape(preview))\">preview rows</a></div>"
      }
      return out
    case .schema(let schema)?: return "<span class=\"kind\">schema</span> " + link(schema.uri)
    case .noneType?: return "<span class=\"kind\">none</span>"
    case .error(let error)?:
      return "<span class=\"kind error\">error</span> \(HTML.escape(error.message))"
    case .union(let union)?:
      let tag = union.type.structure.tag
      return render(union.value, depth: depth + 1)
        + (tag.isEmpty ? "" : " <span class=\"kind\">\(HTML.escape(tag))</span>")
    case .generic, .binary:
      var literal = Flyteidl_Core_Literal()
      literal.scalar = scalar
      let text = LiteralPrinter.text(literal, pretty: true)
      return "<pre class=\"json\">\(HTML.escape(HTML.shortened(text, to: Self.textLimit * 4)))</pre>"
    case nil: return "<span class=\"muted\">empty</span>"
    }
  }

  func render(_ primitive: Flyteidl_Core_Primitive) -> String {
    switch primitive.value {
    case .integer(let value)?: return "<span class=\"value\">\(value)</span> <span class=\"kind\">int</span>"
    case .floatValue(let value)?: return "<span class=\"value\">\(value)</span> <span class=\"kind\">float</span>"
    case .stringValue(let value)?:
      let cut = HTML.shortened(value, to: Self.textLimit)
      let shape = value.contains("\n") ? "pre" : "span"
      return "<\(shape) class=\"value string\">\(HTML.escape(cut))</\(shape)> <span class=\"kind\">str</span>"
    case .boolean(let value)?: return "<span class=\"value\">\(value)</span> <span class=\"kind\">bool</span>"
    case .datetime(let value)?:
      return
        "<span class=\"value\">\(HTML.escape(DateTimeText.format(value)))</span> <span class=\"kind\">datetime</span>"
    case .duration(let value)?:
      return
        "<span class=\"value\">\(HTML.escape(DurationText.format(value)))</span> <span class=\"kind\">timedelta</span>"
    case nil: return "<span class=\"muted\">empty</span>"
    }
  }

  func link(_ uri: String) -> String {
    let text = "<code>\(HTML.escape(HTML.shortened(uri, to: 160)))</code>"
    guard let href = download(uri) else { return text }
    return "<a href=\"\(HTML.escape(href))\" download>\(text)</a>"
  }
}
