import FlyteIDL
import Foundation
import Testing
import VanePlugins
import VaneTesting

/// Secrets from a directory and from the engine's environment, scoped by project, delivered
/// as flytekit reads them; what is missing or unsafe is refused before a task starts.
@Suite struct SecretInjectionTests {
  private func task(
    _ requests: [(group: String, key: String, version: String, envVar: String)]
  ) -> Flyteidl_Core_TaskTemplate {
    var task = Flyteidl_Core_TaskTemplate()
    task.securityContext.secrets = requests.map { request in
      var secret = Flyteidl_Core_Secret()
      secret.group = request.group
      secret.key = request.key
      secret.groupVersion = request.version
      secret.envVar = request.envVar
      return secret
    }
    return task
  }

  private func withSecrets(_ body: (TemporaryDirectory) throws -> Void) throws {
    let directory = try TemporaryDirectory("vane-secrets")
    defer { directory.remove() }
    try directory.file("shared/db/password", "shared-pw\n")
    try directory.file("projects/alpha/db/password", "alpha-pw")
    try directory.file("projects/alpha/api/token", "tok")
    try directory.file("projects/alpha/api/region", "eu")
    try body(directory)
  }

  @Test func projectSecretsWinOverSharedOnes() throws {
    try withSecrets { directory in
      let injection = SecretInjection(source: DirectorySecretSource(root: directory.path))
      let request = task([("db", "password", "", "")])
      #expect(try injection.variables(for: request, project: "alpha")["_FSEC_DB_PASSWORD"] == "alpha-pw")
      let beta = try injection.variables(for: request, project: "beta")
      #expect(beta == ["_FSEC_DB_PASSWORD": "shared-pw\n", "FLYTE_SECRETS_ENV_PREFIX": "_FSEC_"])
    }
  }

  @Test func anotherProjectsSecretIsNotFound() throws {
    try withSecrets { directory in
      let injection = SecretInjection(source: DirectorySecretSource(root: directory.path))
      let error = #expect(throws: SecretError.self) {
        try injection.variables(for: task([("api", "token", "", "")]), project: "beta")
      }
      #expect(error?.code == .notFound)
      #expect(error?.message.contains("'api/token'") == true && error?.message.contains("'beta'") == true)
    }
  }

  @Test func aGroupRequestDeliversEveryKeyAndVersionsAndEnvVarsAreHonoured() throws {
    try withSecrets { directory in
      let injection = SecretInjection(source: DirectorySecretSource(root: directory.path))
      let group = try injection.variables(for: task([("api", "", "", "")]), project: "alpha")
      #expect(group["_FSEC_API_TOKEN"] == "tok" && group["_FSEC_API_REGION"] == "eu")
      try directory.file("shared/plain", "p")
      #expect(try injection.variables(for: task([("", "plain", "", "")]), project: "alpha")["_FSEC_PLAIN"] == "p")
      let versioned = try injection.variables(for: task([("api", "token", "v2", "API_TOKEN")]), project: "alpha")
      #expect(versioned["_FSEC_API_V2_TOKEN"] == "tok" && versioned["API_TOKEN"] == "tok")
    }
  }

  @Test func environmentSecretsAreSharedAndNothingElseOfTheEnvironmentIsKept() throws {
    let source = EnvironmentSecretSource(environment: ["VANE_SECRET_DB_PASSWORD": "env-pw", "HOME": "/root"])
    let injection = SecretInjection(source: source)
    #expect(
      try injection.variables(for: task([("db", "password", "", "")]), project: "any")["_FSEC_DB_PASSWORD"] == "env-pw")
    #expect(EnvironmentSecretSource.variable(group: "my-app.db", key: "pass") == "VANE_SECRET_MY_APP_DB_PASS")
    #expect(try injection.variables(for: Flyteidl_Core_TaskTemplate(), project: "any").isEmpty)
  }

  @Test(arguments: ["../escape", "a/b", ".."])
  func unsafeNamesAreRefused(group: String) throws {
    try withSecrets { directory in
      let injection = SecretInjection(source: DirectorySecretSource(root: directory.path))
      let error = #expect(throws: SecretError.self) {
        try injection.variables(for: task([(group, "password", "", "")]), project: "alpha")
      }
      #expect(error?.code == .invalidName)
    }
  }

  @Test(arguments: ["PATH", "FLYTE_INTERNAL_EXECUTION_ID", "1ABC", "A-B"])
  func envVarNamesTheEngineOwnsAreRefused(name: String) throws {
    try withSecrets { directory in
      let injection = SecretInjection(source: DirectorySecretSource(root: directory.path))
      let error = #expect(throws: SecretError.self) {
        try injection.variables(for: task([("db", "password", "", name)]), project: "alpha")
      }
      #expect(error?.code == .invalidName)
    }
  }

  @Test func linksOutOfTheDirectoryAndHugeFilesAreUnreadable() throws {
    try withSecrets { directory in
      let outside = try TemporaryDirectory("vane-outside")
      defer { outside.remove() }
      try FileManager.default.createSymbolicLink(
        atPath: directory.path + "/shared/db/leak", withDestinationPath: try outside.file("secret", "nope"))
      try directory.file("shared/db/huge", String(repeating: "x", count: DirectorySecretSource.maxBytes + 1))
      let injection = SecretInjection(source: DirectorySecretSource(root: directory.path))
      for key in ["leak", "huge"] {
        let error = #expect(throws: SecretError.self) {
          try injection.variables(for: task([("db", key, "", "")]), project: "alpha")
        }
        #expect(error?.code == .unreadable, "\(key)")
      }
    }
  }
}
