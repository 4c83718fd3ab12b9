import Crypto
import Foundation
import NIOHTTP1
import VaneData

extension S3Client {
  /// Starts a multipart upload to `location`; its upload id.
  func createMultipartUpload(at location: S3Location) async throws(DataError) -> String {
    let response = try await send(
      S3Request(operation: "CreateMultipartUpload", method: .POST, location: location, query: [("uploads", "")]))
    guard let id = S3XML.parse(response.body)?.value("UploadId"), !id.isEmpty else {
      throw DataError(.corrupt, "the answer to CreateMultipartUpload holds no UploadId", uri: location.uri)
    }
    return id
  }

  /// Uploads part `number` (1-based) of upload `id`; the part's entity tag. The server checks the
  /// `Content-MD5`.
  func uploadPart(
    _ data: Data, number: Int, uploadID id: String, at location: S3Location
  ) async throws(DataError)
    -> String
  {
    var request = S3Request(
      operation: "UploadPart", method: .PUT, location: location,
      query: [("partNumber", String(number)), ("uploadId", id)], body: data)
    request.headers = [("content-md5", Data(Insecure.MD5.hash(data: data)).base64EncodedString())]
    let response = try await send(request)
    guard let etag = response.header("etag") else {
      throw DataError(.corrupt, "the answer to UploadPart \(number) holds no ETag", uri: location.uri)
    }
    return etag
  }

  /// Joins the parts (entity tags in part order) into the object; S3 may report a failure in the
  /// body of a 200 answer, which counts as a failure here.
  func completeMultipartUpload(uploadID id: String, etags: [String], at location: S3Location) async throws(DataError) {
    let parts = etags.enumerated().map { index, etag in
      "<Part><PartNumber>\(index + 1)</PartNumber><ETag>\(S3XML.escape(etag))</ETag></Part>"
    }.joined()
    let body = Data("<CompleteMultipartUpload>\(parts)</CompleteMultipartUpload>".utf8)
    let request = S3Request(
      operation: "CompleteMultipartUpload", method: .POST, location: location, query: [("uploadId", id)], body: body)
    do {
      _ = try await retrier.run { (_) throws(S3Failure) in
        let response = try await self.attempt(request)
        if let document = S3XML.parse(response.body), document.name == "Error" {
          throw Self.failure(from: S3Response(status: 500, headers: response.headers, body: response.body))
        }
        return response
      }
    } catch {
      throw error.dataError(request.operation, location, endpoint: endpoint.baseURL)
    }
  }

  /// Abandons upload `id` so its parts stop taking space; best effort.
  func abortMultipartUpload(uploadID id: String, at location: S3Location) async {
    _ = try? await send(
      S3Request(operation: "AbortMultipartUpload", method: .DELETE, location: location, query: [("uploadId", id)]))
  }
}

extension S3Client {
  /// Stores in-memory `data` at or above the multipart threshold as a multipart upload.
  func putLarge(_ data: Data, at location: S3Location) async throws(DataError) {
    let id = try await createMultipartUpload(at: location)
    do {
      var etags: [String] = []
      var offset = 0
      while offset < data.count {
        let end = min(offset + settings.partSize, data.count)
        etags.append(
          try await uploadPart(data.subdata(in: offset..<end), number: etags.count + 1, uploadID: id, at: location))
        offset = end
      }
      try await completeMultipartUpload(uploadID: id, etags: etags, at: location)
    } catch {
      await abortMultipartUpload(uploadID: id, at: location)
      throw error
    }
  }
}
