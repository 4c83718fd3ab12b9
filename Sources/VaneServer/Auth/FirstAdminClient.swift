import Foundation
import VaneAdmin

/// The client `vane serve --auth` makes on first start so the written flytekit config works
/// at once: `vane-admin`, admin in every project, its secret in
/// `<data dir>/auth/vane-admin.secret` (mode 0600). Made only when the clients file has no
/// client of that id; a secret file that was deleted is not re-made (create another client
/// with `vane auth create-client`).
public struct FirstAdminClient: Sendable {
  public static let defaultID = "vane-admin"
  public let id: String
  public let secretPath: String

  /// Adds `vane-admin` to the clients file (`clientsFile`, or `<data dir>/auth/clients.json`
  /// when nil) unless it is there, and writes its secret into the data directory.
  public static func ensure(dataDirectory: String, clientsFile: String? = nil) throws(ServeError) -> FirstAdminClient {
    let secretPath = "\(dataDirectory)/auth/\(defaultID).secret"
    do {
      var directory = try ClientDirectory.load(path: clientsFile ?? ClientDirectory.path(dataDirectory: dataDirectory))
      if directory.clients[defaultID] == nil {
        let secret = try directory.create(id: defaultID, roles: [Principal.allProjects: .admin])
        try PrivateFile.write(Data((secret + "\n").utf8), to: secretPath)
      }
    } catch {
      throw ServeError(.badSecurity, error.message, at: error.location)
    }
    return FirstAdminClient(id: defaultID, secretPath: secretPath)
  }
}
