import FlyteIDL
import Foundation
import VaneModel

extension LiteralParser {
  /// A file (single blob) or directory (multipart blob) with the declared blob type.
  func blobValue(
    _ text: String, _ blobType: Flyteidl_Core_BlobType, _ type: Flyteidl_Core_LiteralType, _ site: Site
  ) throws(LiteralInputError) -> Flyteidl_Core_Blob {
    let kind: LocalFiles.Kind = blobType.dimensionality == .multipart ? .directory : .file
    var blob = Flyteidl_Core_Blob()
    blob.uri = try uri(for: text, type, site, kind: kind)
    blob.metadata.type = blobType
    return blob
  }

  /// A structured dataset at a path or URI, with the declared dataset type.
  func datasetValue(
    _ text: String, _ datasetType: Flyteidl_Core_StructuredDatasetType, _ type: Flyteidl_Core_LiteralType,
    _ site: Site
  ) throws(LiteralInputError) -> Flyteidl_Core_StructuredDataset {
    var dataset = Flyteidl_Core_StructuredDataset()
    dataset.uri = try uri(for: text, type, site, kind: nil)
    dataset.metadata.structuredDatasetType = datasetType
    return dataset
  }

  /// A schema at a path or URI, with the declared schema type.
  func schemaValue(
    _ text: String, _ schemaType: Flyteidl_Core_SchemaType, _ type: Flyteidl_Core_LiteralType, _ site: Site
  ) throws(LiteralInputError) -> Flyteidl_Core_Schema {
    var schema = Flyteidl_Core_Schema()
    schema.uri = try uri(for: text, type, site, kind: nil)
    schema.type = schemaType
    return schema
  }

  /// A URI kept as given, or a local path (or `file://` URI) made a plain absolute path — the
  /// form flytekit gives local files — checked to exist (as a file or directory when `kind`
  /// says) unless checks are off.
  private func uri(
    for text: String, _ type: Flyteidl_Core_LiteralType, _ site: Site, kind: LocalFiles.Kind?
  ) throws(LiteralInputError) -> String {
    let trimmed = text.trimmingSpaces
    guard !trimmed.isEmpty else { throw site.invalid(type, quoted(text), "write a path or a URI") }
    let given = DataURI(trimmed)
    let path: String
    if let scheme = given.scheme {
      guard scheme == "file" else { return trimmed }
      path = given.afterScheme
      guard path.hasPrefix("/") else {
        throw site.invalid(type, quoted(text), "a file:// URI needs an absolute path, as in file:///data/x.csv")
      }
    } else {
      let absolute = trimmed.hasPrefix("/") ? trimmed : workingDirectory + "/" + trimmed
      path = (absolute as NSString).standardizingPath
    }
    if checksLocalPaths {
      switch (LocalFiles.kind(of: path), kind) {
      case (nil, _):
        throw site.missingPath(type, quoted(text), "no file or directory at \(path)")
      case (.directory?, .file?):
        throw site.missingPath(type, quoted(text), "\(path) is a directory; this input takes a file")
      case (.file?, .directory?):
        throw site.missingPath(type, quoted(text), "\(path) is a file; this input takes a directory")
      default:
        break
      }
    }
    return path
  }
}
