// VaneTesting: what Vane's test targets share — a manual `WallClock`, waiting on a condition
// with a deadline (`eventually`), a latch, temporary directories, an in-memory `DataStore`,
// builders for literals, the S3 server (moto) the object-storage tests run against
// (`S3TestServer`), and the PostgreSQL server of the engine-store tests (`PostgresTestServer`).
//
// Tests drive time with `ManualClock` and wait on explicit signals (`ManualClock.waitForSleeper`,
// `Latch`, `eventually`); none of them sleeps and then asserts.
