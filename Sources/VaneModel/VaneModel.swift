/// Vane's shared vocabulary: identifiers, phases, literal helpers and errors used by every
/// module above FlyteIDL.
public enum VaneModel {}
