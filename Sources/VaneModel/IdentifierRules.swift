/// FlyteAdmin's rules for the names in an execution's identity, checked where a client names
/// one (`CreateExecution`): project and domain ids are DNS-1123 labels (1 to 63 lowercase
/// letters, digits or `-`, starting and ending with a letter or digit), an execution name is 1
/// to 63 lowercase letters, digits or `-` starting with a letter.
///
/// Names this short and plain always make a valid file or object name, so an execution's data
/// directory can never fail to be created for its name alone (a 5,000-character project once
/// made every staged write fail with ENAMETOOLONG).
public enum IdentifierRules {
  /// The longest project, domain or execution name (FlyteAdmin's `ExecutionIDLengthLimit`).
  public static let maxLength = 63

  /// What is wrong with `id` as a project or domain id (`what` names it), or nil.
  public static func problem(withLabel id: String, what: String) -> String? {
    let bytes = Array(id.utf8)
    guard !bytes.isEmpty, bytes.count <= maxLength, bytes.allSatisfy(isLabelByte),
      bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-")
    else {
      return "\(what) '\(shortened(id))' is not valid: use 1 to \(maxLength) lowercase letters, digits or '-', "
        + "starting and ending with a letter or digit"
    }
    return nil
  }

  /// What is wrong with `name` as an execution name, or nil.
  public static func problem(withExecutionName name: String) -> String? {
    let bytes = Array(name.utf8)
    guard !bytes.isEmpty, bytes.count <= maxLength, bytes.allSatisfy(isLabelByte),
      let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first)
    else {
      return "execution name '\(shortened(name))' is not valid: use 1 to \(maxLength) lowercase letters, digits "
        + "or '-', starting with a letter"
    }
    return nil
  }

  private static func isLabelByte(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
      || byte == UInt8(ascii: "-")
  }

  /// At most 80 characters of an untrusted name, for messages.
  private static func shortened(_ text: String) -> String {
    text.count <= 80 ? text : String(text.prefix(80)) + "… (\(text.utf8.count) bytes)"
  }
}
