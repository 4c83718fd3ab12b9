/// Why a deadline's text was refused (`EngineDeadlines.parse`).
public struct DeadlineTextError: Error, Sendable, CustomStringConvertible {
  public let message: String
  public var description: String { message }
}
