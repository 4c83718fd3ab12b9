/// Checks a raw output prefix a user chose (`raw_output_data_config.output_location_prefix` of
/// an execution or launch plan, `vane run --raw-output-prefix`): tasks write their raw data
/// (files, directories, dataframes, checkpoints) under it instead of the engine's raw root.
///
/// flytekit writes and reads raw data itself (through fsspec), so any `scheme://` it knows is
/// accepted; an absolute local path becomes a `file://` URI. Refused: relative paths, `..`
/// components, control characters and text longer than ``maxLength``.
public enum RawOutputPrefix {
  /// The longest prefix accepted, in bytes.
  public static let maxLength = 1024

  /// The prefix as a data URI, or a ``DataError`` with code `invalidURI` saying what is wrong.
  public static func validated(_ text: String) throws(DataError) -> DataURI {
    let uri = text.hasPrefix("/") ? DataURI(filePath: text) : DataURI(text)
    func refuse(_ reason: String) -> DataError {
      DataError(.invalidURI, "the raw output prefix \(reason)", uri: DataURI(String(text.prefix(200))))
    }
    guard text.utf8.count <= maxLength else { throw refuse("is longer than \(maxLength) bytes") }
    guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
      throw refuse("contains control characters")
    }
    guard let scheme = uri.scheme, !uri.afterScheme.isEmpty else {
      throw refuse("must be an absolute path or a URI such as s3://bucket/prefix")
    }
    if scheme == "file", !uri.afterScheme.hasPrefix("/") {
      throw refuse("must name an absolute path after file://")
    }
    guard !uri.afterScheme.split(separator: "/").contains(where: { $0 == ".." }) else {
      throw refuse("must not contain '..' components")
    }
    return uri
  }
}
