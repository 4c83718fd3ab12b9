import FlyteIDL

extension LiteralTypeCasting {
  static func schemaCastsFrom(
    _ upstream: Flyteidl_Core_LiteralType, into schema: Flyteidl_Core_SchemaType
  ) -> Bool {
    switch upstream.type {
    case .schema(let upSchema)?:
      guard !upSchema.columns.isEmpty, !schema.columns.isEmpty else { return true }
      let upColumns = Dictionary(
        upSchema.columns.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
      return schema.columns.allSatisfy { upColumns[$0.name] == $0.type }
    case .structuredDatasetType(let dataset)?:
      if !dataset.format.isEmpty && dataset.format.lowercased() != "parquet" { return false }
      guard !dataset.columns.isEmpty, !schema.columns.isEmpty else { return true }
      let upColumns = Dictionary(
        dataset.columns.map { ($0.name, $0.literalType) }, uniquingKeysWith: { first, _ in first })
      return schema.columns.allSatisfy { column in
        guard let upType = upColumns[column.name] else { return false }
        return columnMatches(column.type, upType)
      }
    default:
      return false
    }
  }

  static func structuredDatasetCastsFrom(
    _ upstream: Flyteidl_Core_LiteralType, into dataset: Flyteidl_Core_StructuredDatasetType
  ) -> Bool {
    if isNone(upstream) { return true }
    switch upstream.type {
    case .schema(let schema)?:
      if !dataset.format.isEmpty && dataset.format.lowercased() != "parquet" { return false }
      guard !schema.columns.isEmpty, !dataset.columns.isEmpty else { return true }
      let upColumns = Dictionary(
        schema.columns.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
      return dataset.columns.allSatisfy { column in
        guard let upType = upColumns[column.name] else { return false }
        return columnMatches(upType, column.literalType)
      }
    case .structuredDatasetType(let upDataset)?:
      if !upDataset.format.isEmpty && !dataset.format.isEmpty
        && upDataset.format.lowercased() != dataset.format.lowercased()
      {
        return false
      }
      guard !upDataset.columns.isEmpty, !dataset.columns.isEmpty else { return true }
      let upColumns = Dictionary(
        upDataset.columns.map { ($0.name, $0.literalType) }, uniquingKeysWith: { first, _ in first })
      return dataset.columns.allSatisfy { column in
        guard let upType = upColumns[column.name] else { return false }
        return castsFrom(upType, into: column.literalType)
      }
    default:
      return false
    }
  }

  private static func columnMatches(
    _ column: Flyteidl_Core_SchemaType.SchemaColumn.SchemaColumnType,
    _ type: Flyteidl_Core_LiteralType
  ) -> Bool {
    guard case .simple(let simple)? = type.type else { return false }
    switch column {
    case .integer: return simple == .integer
    case .float: return simple == .float
    case .string: return simple == .string
    case .boolean: return simple == .boolean
    case .datetime: return simple == .datetime
    case .duration: return simple == .duration
    default: return false
    }
  }
}
