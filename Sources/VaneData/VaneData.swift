/// Vane's data plane: the `DataStore` protocol over URIs with a local-directory implementation,
/// Flyte's data layout (where a node's inputs, outputs, errors and raw data live), and the
/// literal helpers the CLI uses to turn `NAME=VALUE` text into literals and literals back into
/// text.
///
/// This module owns bytes at rest. It must not know about phases, events or scheduling.
public enum VaneData {}
