import FlyteIDL
public import VaneData
public import VaneEngine
import VaneModel

/// Runs Flyte's `echo` task type: the attempt succeeds at once with its inputs as outputs
/// (`inputs.pb` handed back in memory, which the engine stores as the attempt's outputs; an
/// empty map when there are no inputs), each input under the output ``EchoMapping`` pairs it
/// with (flytekit's `Echo` names its outputs `o0`, `o1`, …). As an item of an array node it
/// copies the item's own inputs (its element of each mapped list), as Flyte's echo plugin does.
/// No process is started. Useful to measure the engine without task overhead.
public struct EchoPlugin: TaskPlugin {
  public let id = "echo"
  public let taskTypes: Set<String> = ["echo"]
  let dataStore: any DataStore

  /// A plugin reading node inputs through `dataStore`.
  public init(dataStore: any DataStore) {
    self.dataStore = dataStore
  }

  public func handle(_ context: TaskExecutionContext) async -> PluginTransition {
    let mapping: EchoMapping
    do {
      mapping = try EchoMapping.of(context.task)
    } catch {
      return .permanentFailure(.make(code: "EchoInterface", message: error.message, kind: .user))
    }
    do {
      var inputs = Flyteidl_Core_LiteralMap()
      if let item = context.itemInputs {
        // An array item: its own element of each mapped input, not the array's whole file.
        inputs = item
      } else if try await dataStore.exists(context.paths.inputs) {
        inputs = try await dataStore.readMessage(Flyteidl_Core_LiteralMap.self, from: context.paths.inputs)
      }
      // Handed back in memory: the engine stores them (many map items to one file).
      return .success(outputs: mapping.outputs(for: inputs))
    } catch {
      let message = "echo could not copy its inputs to its outputs: \(error)"
      return .retryableFailure(.make(code: "EchoDataAccess", message: message, kind: .system))
    }
  }

  public func abort(_ context: TaskExecutionContext, reason: String) async {}

  public func finalize(_ context: TaskExecutionContext) async {}
}
