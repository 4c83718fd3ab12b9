import ArgumentParser
import Foundation
import VaneAdmin
import VaneModel
import VaneServer

/// `vane auth`: the clients that may call `vane serve --auth` and their roles per project,
/// and the token signing keys — all in the data directory's `auth/` folder, edited directly
/// (a running server picks up client changes within a second; a rotated key after a restart).
struct AuthCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "auth",
    abstract: "Manage the clients, roles and signing keys of `vane serve --auth`.",
    subcommands: [
      AuthClientCreate.self, AuthClientList.self, AuthClientRemove.self, AuthRole.self, AuthGrantExternal.self,
      AuthRotateKey.self,
    ]
  )
}

/// `PROJECT=ROLE` pairs (`*` for every project).
struct RoleOptions: ParsableArguments {
  @Option(
    name: .customLong("role"),
    help: "PROJECT=ROLE with ROLE read, write or admin; * is every project (repeatable).")
  var roles: [String] = []

  func parsed() throws -> [String: Role] {
    var roles: [String: Role] = [:]
    for text in self.roles {
      let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, let role = Role(name: parts[1]) else {
        throw CLIFailure.badInput("--role '\(text)': write PROJECT=ROLE with ROLE read, write or admin")
      }
      roles[parts[0]] = role
    }
    return roles
  }
}

func authDataDirectory(_ option: DataDirectoryOption) -> String {
  URL(fileURLWithPath: option.dataDir ?? LocalRuntime.defaultDataDirectory()).standardizedFileURL.path
}

/// `--clients-file`: the clients file when it is not `<data dir>/auth/clients.json`
/// (`auth.clients_file` of the server's configuration).
struct ClientsFileOption: ParsableArguments {
  @Option(help: "The clients file (default: <data dir>/auth/clients.json; auth.clients_file of vane serve).")
  var clientsFile: String?

  func load(_ dataDirectory: DataDirectoryOption) throws(AuthError) -> ClientDirectory {
    try ClientDirectory.load(path: clientsFile ?? ClientDirectory.path(dataDirectory: authDataDirectory(dataDirectory)))
  }
}

func authFailure(_ error: AuthError) -> CLIFailure {
  error.code == .storage ? CLIFailure.failed(error.description) : CLIFailure.badInput(error.description)
}

struct AuthClientCreate: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "create-client", abstract: "Add a client; prints its secret (shown once) or writes it to a file.")
  @Argument(help: "The client id.") var id: String
  @OptionGroup var roles: RoleOptions
  @Option(help: "Write the secret to this file (mode 0600) instead of printing it.") var secretFile: String?
  @OptionGroup var dataDirectory: DataDirectoryOption
  @OptionGroup var clientsFile: ClientsFileOption

  func run() async throws {
    let roles = try self.roles.parsed()
    do throws(AuthError) {
      var directory = try clientsFile.load(dataDirectory)
      let secret = try directory.create(id: id, roles: roles)
      if let secretFile {
        try PrivateFile.write(Data((secret + "\n").utf8), to: secretFile)
        print("created client \(id) (\(ClientRecord.describe(roles))); secret in \(secretFile)")
      } else {
        print(secret)
      }
    } catch {
      throw authFailure(error)
    }
  }
}

struct AuthClientList: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "List clients and their roles.")
  @OptionGroup var dataDirectory: DataDirectoryOption
  @OptionGroup var clientsFile: ClientsFileOption

  func run() async throws {
    do throws(AuthError) {
      let directory = try clientsFile.load(dataDirectory)
      for client in directory.clients.values.sorted(by: { $0.id < $1.id }) {
        let kind = client.issuer.map { "external (\($0))" } ?? "client"
        print("\(client.id)\t\(kind)\t\(client.rolesText)")
      }
    } catch {
      throw authFailure(error)
    }
  }
}

struct AuthClientRemove: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove", abstract: "Remove a client or external subject; its tokens stop working.")
  @Argument(help: "The client id or subject.") var id: String
  @OptionGroup var dataDirectory: DataDirectoryOption
  @OptionGroup var clientsFile: ClientsFileOption

  func run() async throws {
    do throws(AuthError) {
      var directory = try clientsFile.load(dataDirectory)
      try directory.remove(id)
      print("removed \(id)")
    } catch {
      throw authFailure(error)
    }
  }
}

struct AuthRole: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "set-role", abstract: "Set (or with ROLE none, remove) a client's role in a project.")
  @Argument(help: "The client id or subject.") var id: String
  @Argument(help: "PROJECT=ROLE (read, write, admin or none; * is every project).") var grant: String
  @OptionGroup var dataDirectory: DataDirectoryOption
  @OptionGroup var clientsFile: ClientsFileOption

  func run() async throws {
    let parts = grant.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2, !parts[0].isEmpty, parts[1] == "none" || Role(name: parts[1]) != nil else {
      throw CLIFailure.badInput("'\(grant)': write PROJECT=ROLE with ROLE read, write, admin or none")
    }
    do throws(AuthError) {
      var directory = try clientsFile.load(dataDirectory)
      try directory.setRole(Role(name: parts[1]), project: parts[0], for: id)
      print("\(id): \(directory.clients[id]?.rolesText ?? "")")
    } catch {
      throw authFailure(error)
    }
  }
}

struct AuthGrantExternal: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "grant-external", abstract: "Give roles to a subject of the external OIDC issuer (auth.oidc_issuer).")
  @Argument(help: "The subject (the token's sub claim).") var subject: String
  @Option(help: "The issuer URL (the token's iss claim).") var issuer: String
  @OptionGroup var roles: RoleOptions
  @OptionGroup var dataDirectory: DataDirectoryOption
  @OptionGroup var clientsFile: ClientsFileOption

  func run() async throws {
    let roles = try self.roles.parsed()
    do throws(AuthError) {
      var directory = try clientsFile.load(dataDirectory)
      try directory.grantExternal(subject: subject, issuer: issuer, roles: roles)
      print("\(subject) of \(issuer): \(ClientRecord.describe(roles))")
    } catch {
      throw authFailure(error)
    }
  }
}

struct AuthRotateKey: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rotate-key",
    abstract: "Add a new token signing key (older tokens stay valid); restart vane serve to sign with it.")
  @OptionGroup var dataDirectory: DataDirectoryOption

  func run() async throws {
    do throws(AuthError) {
      var keys = try SigningKeys.loadOrCreate(dataDirectory: authDataDirectory(dataDirectory))
      try keys.rotate()
      print("signing key \(keys.signing.id) added; \(keys.keys.count) keys kept")
    } catch {
      throw authFailure(error)
    }
  }
}
