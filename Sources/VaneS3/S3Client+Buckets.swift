import Foundation
import NIOHTTP1
public import VaneData

extension S3Client {
  /// Creates bucket `name` in the client's region; a bucket this account already owns is fine.
  public func createBucket(_ name: String) async throws(DataError) {
    let location = S3Location(bucket: name, key: "")
    if let problem = S3Location.bucketProblem(name) {
      throw DataError(.invalidURI, "'\(name)' is not a valid bucket name: \(problem)", uri: location.uri)
    }
    var request = S3Request(operation: "CreateBucket", method: .PUT, location: location)
    if settings.region != "us-east-1" {
      request.body = Data(
        "<CreateBucketConfiguration><LocationConstraint>\(settings.region)</LocationConstraint></CreateBucketConfiguration>"
          .utf8)
    }
    do {
      _ = try await send(request)
    } catch  where error.message.contains("BucketAlreadyOwnedByYou") {
      return
    }
  }

  /// Whether bucket `name` exists and these credentials may use it (`HeadBucket`); a refusal is
  /// thrown as `DataError.Code.accessDenied` naming the bucket.
  public func bucketExists(_ name: String) async throws(DataError) -> Bool {
    do {
      _ = try await send(S3Request(operation: "HeadBucket", method: .HEAD, location: S3Location(bucket: name, key: "")))
      return true
    } catch  where error.code == .notFound {
      return false
    }
  }
}
