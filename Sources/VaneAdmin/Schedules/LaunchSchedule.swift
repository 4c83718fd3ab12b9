public import FlyteIDL
public import Foundation
public import VaneAdminStore

/// A launch plan's schedule: a cron expression (`cron_schedule.schedule`, or the deprecated
/// `cron_expression`) or a fixed rate (`rate`: every N minutes, hours or days, counted from
/// when the launch plan was activated).
public enum LaunchSchedule: Sendable, Hashable {
  case cron(CronExpression)
  case rate(seconds: Int)

  /// The schedule of `schedule`; `invalidArgument` when it has none or cannot be read.
  public init(_ schedule: Flyteidl_Admin_Schedule) throws(AdminError) {
    switch schedule.scheduleExpression {
    case .cronSchedule(let cron)?:
      self = .cron(try CronExpression(parsing: cron.schedule))
    case .cronExpression(let text)?:
      self = .cron(try CronExpression(parsing: text))
    case .rate(let rate)?:
      guard rate.value > 0 else {
        throw AdminError(.invalidArgument, "a fixed rate needs a value of at least 1", at: "schedule.rate")
      }
      let unit =
        switch rate.unit {
        case .minute: 60
        case .hour: 3600
        case .day: 86_400
        case .UNRECOGNIZED(let value): throw AdminError(.invalidArgument, "unknown unit \(value)", at: "schedule.rate")
        }
      self = .rate(seconds: Int(rate.value) * unit)
    case nil:
      throw AdminError(.invalidArgument, "the schedule has no cron expression or rate", at: "schedule")
    }
  }

  /// The first fire time strictly after `date`; a fixed rate counts from `anchor` (fires at
  /// anchor + k × rate, whole seconds).
  public func next(after date: Date, anchor: Date) -> Date? {
    switch self {
    case .cron(let expression):
      return expression.next(after: date)
    case .rate(let seconds):
      let origin = anchor.timeIntervalSince1970.rounded(.down)
      let elapsed = date.timeIntervalSince1970 - origin
      let steps = elapsed < 0 ? 1 : (elapsed / Double(seconds)).rounded(.down) + 1
      return Date(timeIntervalSince1970: origin + steps * Double(seconds))
    }
  }
}
