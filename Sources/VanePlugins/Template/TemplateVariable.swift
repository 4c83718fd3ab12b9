/// A variable Flyte substitutes in a container's command and arguments, written `{{.name}}` or
/// `{{$name}}`, case-insensitive, with spaces allowed inside the braces.
enum TemplateVariable: Hashable, Sendable {
  /// `{{.input}}`: the inputs file.
  case input
  /// `{{.inputPrefix}}`: the node data directory.
  case inputPrefix
  /// `{{.outputPrefix}}`: the attempt's output directory.
  case outputPrefix
  /// `{{.rawOutputDataPrefix}}`: the attempt's raw output prefix.
  case rawOutputDataPrefix
  /// `{{.checkpointOutputPrefix}}`: where this attempt writes checkpoints.
  case checkpointOutputPrefix
  /// `{{.prevCheckpointPrefix}}`: the previous attempt's checkpoints, or `""`.
  case previousCheckpointPrefix
  /// `{{.perRetryUniqueKey}}`: a per-attempt key of `[a-zA-Z0-9_]`.
  case perRetryUniqueKey
  /// `{{.taskTemplatePath}}`: the task template file.
  case taskTemplatePath
  /// `{{ .remote_package_path }}`: the fast-registration code archive.
  case remotePackagePath
  /// `{{.Inputs.NAME}}`: the value of input `NAME` as text (the name keeps its case).
  case inputValue(String)

  private static let simple: [String: TemplateVariable] = [
    "input": .input, "inputprefix": .inputPrefix, "outputprefix": .outputPrefix,
    "rawoutputdataprefix": .rawOutputDataPrefix, "checkpointoutputprefix": .checkpointOutputPrefix,
    "prevcheckpointprefix": .previousCheckpointPrefix, "perretryuniquekey": .perRetryUniqueKey,
    "tasktemplatepath": .taskTemplatePath, "remote_package_path": .remotePackagePath,
  ]

  /// The variable named by the text between `{{` and `}}`, or nil when it is not one Vane knows
  /// (such text is left as written).
  init?(between text: Substring) {
    var body = text
    while body.first?.isWhitespace == true { body.removeFirst() }
    while body.last?.isWhitespace == true { body.removeLast() }
    guard let marker = body.first, marker == "." || marker == "$" else { return nil }
    let name = body.dropFirst()
    guard !name.isEmpty, !name.contains(where: { $0.isWhitespace || $0 == "}" }) else { return nil }
    if name.count > 7, name.prefix(7).lowercased() == "inputs." {
      self = .inputValue(String(name.dropFirst(7)))
      return
    }
    guard let known = Self.simple[name.lowercased()] else { return nil }
    self = known
  }
}
