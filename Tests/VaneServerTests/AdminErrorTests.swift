import GRPCCore
import Testing
import VaneAdminStore
import VaneModel
import VaneServer
import VaneStore

/// The admin side's errors as `VaneError`s and as gRPC statuses.
@Suite struct AdminErrorTests {
  @Test func codesMapOntoGRPCStatusesWithTheLocationInTheMessage() {
    let pairs: [(AdminError.Code, RPCError.Code)] = [
      (.invalidArgument, .invalidArgument), (.notFound, .notFound), (.alreadyExists, .alreadyExists),
      (.failedPrecondition, .failedPrecondition), (.unimplemented, .unimplemented), (.internalError, .internalError),
    ]
    for (code, rpc) in pairs {
      let status = AdminError(code, "went wrong", at: "task p:d:t:v1").rpcError
      #expect(status.code == rpc)
      #expect(status.message == "task p:d:t:v1: went wrong")
    }
    #expect(AdminError(.notFound, "no such thing", at: "").location == nil)
    #expect(AdminError(.notFound, "no such thing", at: "").rpcError.message == "no such thing")
    #expect(AdminError(.invalidArgument, "x", at: nil).codeName == "invalidArgument")
  }

  @Test func aStoreFailureKeepsItsMeaningAndBecomesTheCause() {
    let missing = StoreError(.notFound, "no row", operation: "read x").admin
    #expect(missing.code == .notFound)
    #expect(missing.location == "read x")
    #expect((missing.cause as? StoreError)?.code == .notFound)
    let broken = StoreError(.sqlite, "disk I/O error", operation: "write y").admin
    #expect(broken.code == .internalError)
    #expect(broken.message.contains("disk I/O error"))
  }

  @Test func configErrorsNameKeyAndPlace() {
    let error = ConfigError(.unknownKey, key: "engine.wrokers", location: "vane.yaml:4", "unknown key")
    #expect(error.description == "vane.yaml:4: engine.wrokers: unknown key")
    #expect(error.codeName == "unknownKey")
    #expect(ConfigError(.unreadable, key: "", location: "", "not YAML").description == "not YAML")
  }
}
