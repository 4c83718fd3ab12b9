import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed S3 XML document: elements with their text and children, enough for the small
/// answers S3 sends (`<Error>`, `<ListBucketResult>`, `<InitiateMultipartUploadResult>`, …).
final class S3XML: Sendable {
  let name: String
  let text: String
  let children: [S3XML]

  init(name: String, text: String, children: [S3XML]) {
    self.name = name
    self.text = text
    self.children = children
  }

  /// The first child named `name`.
  func child(_ name: String) -> S3XML? { children.first { $0.name == name } }
  /// Every child named `name`.
  func all(_ name: String) -> [S3XML] { children.filter { $0.name == name } }
  /// The text of the first child named `name`.
  func value(_ name: String) -> String? { child(name)?.text }

  /// Parses `data`; nil when it is not well-formed XML.
  static func parse(_ data: Data) -> S3XML? {
    let builder = Builder()
    let parser = XMLParser(data: data)
    parser.delegate = builder
    parser.shouldProcessNamespaces = true
    guard parser.parse(), let root = builder.root else { return nil }
    return root
  }

  /// Escapes text for an XML element body.
  static func escape(_ text: String) -> String {
    var output = ""
    for character in text {
      switch character {
      case "&": output += "&amp;"
      case "<": output += "&lt;"
      case ">": output += "&gt;"
      case "\"": output += "&quot;"
      case "'": output += "&apos;"
      default: output.append(character)
      }
    }
    return output
  }

  private final class Builder: NSObject, XMLParserDelegate {
    private var stack: [(name: String, text: String, children: [S3XML])] = []
    var root: S3XML?

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      stack.append((elementName, "", []))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      guard !stack.isEmpty else { return }
      stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
      guard let top = stack.popLast() else { return }
      let element = S3XML(name: top.name, text: top.text, children: top.children)
      if stack.isEmpty {
        root = element
      } else {
        stack[stack.count - 1].children.append(element)
      }
    }
  }
}
