/// Parses the records of a pax extended header: `"<length> <key>=<value>\n"`, where length
/// counts the whole record in bytes.
enum PaxRecords {
  /// The key-value pairs of `data`, or a problem when a record is malformed.
  static func parse(_ data: ArraySlice<UInt8>) -> Result<[String: String], ArchiveProblem> {
    var records: [String: String] = [:]
    var index = data.startIndex
    while index < data.endIndex {
      if data[index] == 0 { break }  // NUL padding after the last record
      guard let space = data[index...].firstIndex(of: 0x20),
        let length = Int(String(decoding: data[index..<space], as: UTF8.self)),
        length > space - index, index + length <= data.endIndex,
        data[index + length - 1] == 0x0a
      else {
        return .failure(ArchiveProblem(.tarCorrupt, "a pax extended header has a malformed record"))
      }
      let record = data[(space + 1)..<(index + length - 1)]
      guard let equals = record.firstIndex(of: 0x3d) else {
        return .failure(ArchiveProblem(.tarCorrupt, "a pax extended header record has no '='"))
      }
      let key = String(decoding: record[record.startIndex..<equals], as: UTF8.self)
      records[key] = String(decoding: record[(equals + 1)...], as: UTF8.self)
      index += length
    }
    return .success(records)
  }
}
