extension WorkerPool {
  /// How a round raced against its deadline.
  private enum RoundRace: Sendable {
    case finished(ReconcileOutcome)
    case deadlinePassed
    case sleepCancelled
  }

  /// Runs one round, cancelling it if it overruns the round deadline.
  func round(_ key: R.Key) async -> ReconcileOutcome {
    guard let deadline = configuration.roundDeadline else {
      return await reconciler.reconcile(key)
    }
    let reconciler = self.reconciler
    let clock = self.clock
    return await withTaskGroup(of: RoundRace.self) { group in
      group.addTask { .finished(await reconciler.reconcile(key)) }
      group.addTask {
        do {
          try await clock.sleep(for: deadline)
          return .deadlinePassed
        } catch {
          return .sleepCancelled
        }
      }
      var outcome: ReconcileOutcome?
      var overran = false
      while let race = await group.next() {
        switch race {
        case .finished(let result):
          outcome = result
          group.cancelAll()
        case .deadlinePassed:
          overran = outcome == nil
          group.cancelAll()
        case .sleepCancelled:
          break
        }
      }
      if overran || outcome == nil {
        return .retry(
          ControllerError(
            code: .roundDeadlineExceeded,
            message: "the round ran longer than \(deadline) and was cancelled; it will be retried",
            key: "\(key)"))
      }
      return outcome ?? .done
    }
  }
}
