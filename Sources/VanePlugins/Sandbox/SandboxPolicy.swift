/// What one sandboxed attempt may see and do: the paths it reads, the paths it writes, the paths
/// hidden from it, its network, its uid and its memory limit. A plain value (existence checks
/// and data reads happen before it is built), turned into a command line by `BubblewrapCommand`.
struct SandboxPolicy: Hashable, Sendable {
  /// The attempt's work directory: writable, and the task's current directory.
  var workDirectory: String
  /// Readable paths on top of the read-only system (image environments, input files, the code
  /// archive, configured extras); each must exist.
  var readOnly: [String] = []
  /// Writable paths besides the work directory (the execution's metadata folder, the attempt's
  /// raw output prefix); each must exist.
  var writable: [String] = []
  /// Directories replaced by an empty tmpfs (the data directory, the home directory); each must
  /// exist. Readable and writable paths inside them are mounted back on top.
  var hidden: [String] = []
  /// False: an empty network namespace.
  var network = true
  var uid: UInt32?
  var gid: UInt32?
  /// The task's address-space limit (`RLIMIT_AS`) in bytes, from its memory limit; nil: none.
  var memoryLimitBytes: Int64?
}
