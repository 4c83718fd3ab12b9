import Testing
import VaneData

@Suite struct RawOutputPrefixTests {
  @Test(arguments: [
    ("s3://bucket/raw", "s3://bucket/raw"), ("/srv/raw", "file:///srv/raw"), ("file:///srv/raw/", "file:///srv/raw/"),
    ("gs://b/k", "gs://b/k"),
  ])
  func acceptsAbsoluteLocations(text: String, expected: String) throws {
    #expect(try RawOutputPrefix.validated(text).rawValue == expected)
  }

  @Test(arguments: [
    ("raw/out", "absolute path"), ("s3://", "absolute path"), ("file://raw", "absolute path after file://"),
    ("/srv/../etc", "'..'"), ("s3://b/a\nb", "control characters"),
    (String(repeating: "a", count: 1100), "longer than 1024"),
  ])
  func refusesWithAReason(text: String, reason: String) {
    let error = #expect(throws: DataError.self) { try RawOutputPrefix.validated(text) }
    #expect(error?.code == .invalidURI)
    #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
  }
}
