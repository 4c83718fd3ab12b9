import Crypto
public import Foundation
import NIOHTTP1
public import VaneData

/// What a `HEAD` tells about a stored object.
public struct S3ObjectInfo: Sendable, Hashable {
  /// Size in bytes.
  public var size: Int
  /// The entity tag without quotes (the MD5 hex of a single-part upload).
  public var etag: String
  /// The user metadata (`x-amz-meta-NAME` headers), by lower-case name without the prefix.
  public var metadata: [String: String] = [:]
}

extension S3Client {
  /// Stores `data` at `location` with one `PutObject`; the server checks the `Content-MD5`.
  public func putObject(_ data: Data, at location: S3Location) async throws(DataError) {
    var request = S3Request(operation: "PutObject", method: .PUT, location: location, body: data)
    request.headers = [("content-md5", Data(Insecure.MD5.hash(data: data)).base64EncodedString())]
    _ = try await send(request)
  }

  /// The bytes of the object at `location`, checked against their length and, for single-part
  /// objects, their MD5 entity tag; `DataError.Code.notFound` when there is none. At most `limit`
  /// bytes are read (`DataError.Code.tooLarge` beyond, decided from the announced length before
  /// the body is read, and never retried).
  public func getObject(at location: S3Location, limit: Int = 64 << 20) async throws(DataError) -> Data {
    var request = S3Request(operation: "GetObject", method: .GET, location: location)
    request.responseLimit = limit
    do {
      return try await retrier.run { (_) throws(S3Failure) in
        let response = try await self.attempt(request)
        try Self.checkIntegrity(of: response)
        return response.body
      }
    } catch {
      throw error.dataError(request.operation, location, endpoint: endpoint.baseURL)
    }
  }

  /// Size and entity tag of the object at `location`, or nil when there is none.
  public func headObject(at location: S3Location) async throws(DataError) -> S3ObjectInfo? {
    do {
      let response = try await send(S3Request(operation: "HeadObject", method: .HEAD, location: location))
      let size = response.header("content-length").flatMap { Int($0) } ?? 0
      var metadata: [String: String] = [:]
      for header in response.headers where header.name.lowercased().hasPrefix("x-amz-meta-") {
        metadata[String(header.name.lowercased().dropFirst("x-amz-meta-".count))] = header.value
      }
      return S3ObjectInfo(size: size, etag: Self.unquoted(response.header("etag") ?? ""), metadata: metadata)
    } catch  where error.code == .notFound && !error.message.hasPrefix("the bucket") {
      return nil
    }
  }

  /// Removes the object at `location`; removing nothing is not an error (as in S3).
  public func deleteObject(at location: S3Location) async throws(DataError) {
    _ = try await send(S3Request(operation: "DeleteObject", method: .DELETE, location: location))
  }

  /// Removes `keys` of `bucket` with `DeleteObjects`, 1,000 per request; a key the server could
  /// not delete fails the call, naming it.
  public func deleteObjects(bucket: String, keys: [String]) async throws(DataError) {
    var start = 0
    while start < keys.count {
      let batch = keys[start..<min(start + 1000, keys.count)]
      start += batch.count
      let objects = batch.map { "<Object><Key>\(S3XML.escape($0))</Key></Object>" }.joined()
      let body = Data("<Delete><Quiet>true</Quiet>\(objects)</Delete>".utf8)
      var request = S3Request(
        operation: "DeleteObjects", method: .POST, location: S3Location(bucket: bucket, key: ""),
        query: [("delete", "")], body: body)
      request.headers = [("content-md5", Data(Insecure.MD5.hash(data: body)).base64EncodedString())]
      let response = try await send(request)
      if let failed = S3XML.parse(response.body)?.all("Error").first {
        let key = failed.value("Key") ?? ""
        throw S3Failure(.status(200, code: failed.value("Code") ?? "", message: failed.value("Message") ?? ""))
          .dataError("DeleteObjects", S3Location(bucket: bucket, key: key), endpoint: endpoint.baseURL)
      }
    }
  }

  /// Copies the object at `source` to `destination` on the server (`CopyObject`; objects up to 5 GB).
  public func copyObject(from source: S3Location, to destination: S3Location) async throws(DataError) {
    var request = S3Request(operation: "CopyObject", method: .PUT, location: destination)
    request.headers = [
      ("x-amz-copy-source", "/\(source.bucket)/" + SigV4Encoding.uriEncode(source.key, keepSlash: true))
    ]
    let response = try await send(request)
    // CopyObject can fail after answering 200: the error is then in the body.
    if let document = S3XML.parse(response.body), document.name == "Error" {
      throw Self.failure(from: S3Response(status: 500, headers: response.headers, body: response.body))
        .dataError("CopyObject", destination, endpoint: endpoint.baseURL)
    }
  }

  /// The keys of every object whose key starts with `prefix` in `bucket`, sorted, following
  /// continuation tokens through all pages.
  public func listObjects(bucket: String, prefix: String) async throws(DataError) -> [String] {
    var keys: [String] = []
    var token: String?
    repeat {
      var query: [(name: String, value: String)] = [("list-type", "2"), ("prefix", prefix)]
      if let token { query.append(("continuation-token", token)) }
      let request = S3Request(
        operation: "ListObjectsV2", method: .GET, location: S3Location(bucket: bucket, key: ""), query: query)
      let response = try await send(request)
      guard let document = S3XML.parse(response.body) else {
        throw DataError(.corrupt, "the object listing is not XML", uri: S3Location(bucket: bucket, key: prefix).uri)
      }
      keys += document.all("Contents").compactMap { $0.value("Key") }
      token = document.value("IsTruncated") == "true" ? document.value("NextContinuationToken") : nil
    } while token != nil
    return keys.sorted()
  }

  /// Fails when the body's length differs from `Content-Length`, or its MD5 from a single-part
  /// entity tag (a multipart tag has a `-N` suffix and is not an MD5 of the whole).
  static func checkIntegrity(of response: S3Response) throws(S3Failure) {
    if let length = response.header("content-length").flatMap({ Int($0) }), length != response.body.count {
      throw S3Failure(.integrity("received \(response.body.count) bytes of \(length)"))
    }
    let etag = unquoted(response.header("etag") ?? "")
    guard etag.count == 32, !etag.contains("-"), response.header("x-amz-server-side-encryption") != "aws:kms" else {
      return
    }
    let digest = SigV4Encoding.hex(Insecure.MD5.hash(data: response.body))
    guard digest == etag.lowercased() else {
      throw S3Failure(.integrity("the body's MD5 \(digest) differs from the entity tag \(etag)"))
    }
  }

  static func unquoted(_ text: String) -> String {
    text.hasPrefix("\"") && text.hasSuffix("\"") && text.count >= 2 ? String(text.dropFirst().dropLast()) : text
  }
}
