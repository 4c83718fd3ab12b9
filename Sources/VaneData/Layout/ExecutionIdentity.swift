public import FlyteIDL
import VaneModel

/// The names an execution's data goes under, collision-free by construction: two different
/// executions (org, project, domain, name) never share an execution folder or an attempt id.
///
/// - The execution folder keeps Flyte's `<project>-<domain>-<name>` whenever that names one
///   execution only; a `-` in the project or domain (which made `a/b-c/x` and `a-b/c/x` one
///   folder), and any `/`, `%` or other byte outside `[A-Za-z0-9._]` (plus `-` in the name)
///   is percent-escaped, so the first two `-` always separate the parts. An org other than the
///   default prefixes the folder as `<org>~`. A folder name that would be longer than a file
///   system takes becomes `sha256-<digest of the identity>`.
/// - An attempt id is Flyte's readable `<name>-<node>-<attempt>` (itself hashed past 50
///   characters) followed by `-` and 32 hex digits of the SHA-256 of the whole identity, so
///   names equal across projects, and Flyte's 32-bit hash, no longer decide alone.
public enum ExecutionIdentity {
  /// Longest folder name before it is replaced by its digest (file systems take 255 bytes).
  public static let longestFolderName = 200

  /// The execution folder of an execution identifier.
  public static func folderName(_ id: Flyteidl_Core_WorkflowExecutionIdentifier) -> String {
    folderName(org: id.org, project: id.project, domain: id.domain, name: id.name)
  }

  /// The execution folder of org, project, domain and name.
  public static func folderName(org: String = "", project: String, domain: String, name: String) -> String {
    var folder =
      escaped(project, keepingDash: false) + "-" + escaped(domain, keepingDash: false) + "-"
      + escaped(name, keepingDash: true)
    if !org.isEmpty { folder = escaped(org, keepingDash: true) + "~" + folder }
    guard folder.utf8.count <= longestFolderName else {
      return "sha256-" + digest([org, project, domain, name])
    }
    return folder
  }

  /// The attempt id of one task attempt: `<Flyte's unique id>-<32 hex digits>`.
  public static func attemptID(
    _ id: Flyteidl_Core_WorkflowExecutionIdentifier, nodeUniqueID: String, attempt: UInt32
  ) -> String {
    let readable = UniqueID.taskExecution(executionName: id.name, nodeUniqueID: nodeUniqueID, attempt: attempt)
    let identity = digest([id.org, id.project, id.domain, id.name, nodeUniqueID, String(attempt)])
    return readable + "-" + identity.prefix(32)
  }

  /// The SHA-256 of the parts, each prefixed with its length (so no two lists of parts share
  /// an encoding).
  static func digest(_ parts: [String]) -> String {
    var bytes: [UInt8] = []
    for part in parts {
      bytes += Array("\(part.utf8.count):".utf8) + Array(part.utf8)
    }
    return SHA256.hex(bytes)
  }

  /// `text` with every byte outside `[A-Za-z0-9._]` (and `-`, unless `keepingDash` is false)
  /// written as `%XX`.
  static func escaped(_ text: String, keepingDash: Bool) -> String {
    var result = ""
    for byte in text.utf8 {
      let plain =
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
        || byte == UInt8(ascii: "_") || (keepingDash && byte == UInt8(ascii: "-"))
      if plain {
        result.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        result += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return result
  }
}
