import FlyteIDL
import Foundation
import Testing
import VaneAdmin
import VaneAdminStore

@Suite struct CronExpressionTests {
  static func utc(_ text: String) -> Date {
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return ISO8601DateFormatter().date(from: text) ?? fractional.date(from: text) ?? .distantPast
  }

  @Test(arguments: [
    ("* * * * *", "2024-05-01T12:00:30Z", "2024-05-01T12:01:00Z"),
    ("* * * * *", "2024-05-01T12:00:00Z", "2024-05-01T12:01:00Z"),
    ("*/15 * * * *", "2024-05-01T12:01:00Z", "2024-05-01T12:15:00Z"),
    ("5 4 * * *", "2024-05-01T04:05:00Z", "2024-05-02T04:05:00Z"),
    ("0 0 1 1 *", "2024-05-01T00:00:00Z", "2025-01-01T00:00:00Z"),
    ("@hourly", "2024-05-01T12:59:59Z", "2024-05-01T13:00:00Z"),
    ("@daily", "2024-05-01T12:00:00Z", "2024-05-02T00:00:00Z"),
    ("@weekly", "2024-05-01T12:00:00Z", "2024-05-05T00:00:00Z"),
    ("@monthly", "2024-05-01T12:00:00Z", "2024-06-01T00:00:00Z"),
    ("0 9 * * MON-FRI", "2024-05-03T10:00:00Z", "2024-05-06T09:00:00Z"),
    ("0 0 29 FEB *", "2024-03-01T00:00:00Z", "2028-02-29T00:00:00Z"),
    ("30 10-12/2 * * ?", "2024-05-01T10:31:00Z", "2024-05-01T12:30:00Z"),
    // Both day fields restricted: either matches (the 13th, or a Friday).
    ("0 0 13 * 5", "2024-05-01T00:00:00Z", "2024-05-03T00:00:00Z"),
    ("0 0 * * 7", "2024-05-01T00:00:00Z", "2024-05-05T00:00:00Z"),
  ])
  func nextFireTime(expression: String, after: String, expected: String) throws {
    let cron = try CronExpression(parsing: expression)
    #expect(cron.next(after: Self.utc(after)) == Self.utc(expected))
  }

  @Test(arguments: [
    "* * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "*/0 * * * *", "5-1 * * * *", "@every",
    "a * * * *", "1,,2 * * * *",
  ])
  func rejectsBadExpressions(expression: String) {
    #expect(throws: AdminError.self) { try CronExpression(parsing: expression) }
  }

  @Test func impossibleDateHasNoNextTime() throws {
    #expect(try CronExpression(parsing: "0 0 30 2 *").next(after: Self.utc("2024-01-01T00:00:00Z")) == nil)
  }

  @Test func fixedRateCountsFromActivation() throws {
    var schedule = FlyteScheduleFixtures.rate(minutes: 5)
    let rate = try LaunchSchedule(schedule)
    let anchor = Self.utc("2024-05-01T12:00:10Z")
    #expect(rate.next(after: anchor, anchor: anchor) == Self.utc("2024-05-01T12:05:10Z"))
    #expect(rate.next(after: Self.utc("2024-05-01T12:05:10Z"), anchor: anchor) == Self.utc("2024-05-01T12:10:10Z"))
    #expect(rate.next(after: Self.utc("2024-05-01T13:00:00Z"), anchor: anchor) == Self.utc("2024-05-01T13:00:10Z"))
    schedule.rate.value = 0
    #expect(throws: AdminError.self) { try LaunchSchedule(schedule) }
  }
}
