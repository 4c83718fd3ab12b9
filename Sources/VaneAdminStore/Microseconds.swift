import Foundation

/// Microseconds since 1970, the time unit of the admin tables in every store.
func microseconds(_ date: Date) -> Int64 {
  Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
}

/// The date of a microseconds-since-1970 column.
func date(microseconds value: Int64) -> Date {
  Date(timeIntervalSince1970: Double(value) / 1_000_000)
}
