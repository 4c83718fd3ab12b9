import FlyteIDL
import FlyteIDLGRPC
public import GRPCCore
public import VaneAdmin
import VaneAdminStore

/// flyteidl's `SignalService`: list and set the signals of gate nodes.
public struct SignalService: RegistrableRPCService {
  public let signals: SignalDirectory

  public init(signals: SignalDirectory) {
    self.signals = signals
  }

  public func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
    typealias M = Flyteidl_Service_SignalService.Method
    let signals = self.signals
    router.unary(M.ListSignals.descriptor) { (request: M.ListSignals.Input) throws(AdminError) in
      try await signals.list(request)
    }
    router.unary(M.SetSignal.descriptor) { (request: M.SetSignal.Input) throws(AdminError) in
      try await signals.set(request)
      return M.SetSignal.Output()
    }
    router.unary(M.GetOrCreateSignal.descriptor) { (request: M.GetOrCreateSignal.Input) throws(AdminError) in
      try await signals.getOrCreate(request)
    }
  }
}
