/// Task plugins: the code that actually runs a task attempt for the engine.
///
/// - `LocalProcessPlugin` runs container tasks (`python-task`, `container`, `raw-container`,
///   `dynamic`, …) as processes on this machine, the way a Kubernetes pod would run them.
/// - `EchoPlugin` runs Flyte's `echo` task type: outputs are the inputs, no process.
///
/// Plugins never write execution state; they report `PluginTransition`s and wake the owning
/// execution when their work changes state.
public enum VanePluginsModule {}
