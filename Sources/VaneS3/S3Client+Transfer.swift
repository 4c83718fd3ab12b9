import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
public import VaneData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension S3Client {
  /// Uploads the local file at `path` to `location`: one `PutObject` below the multipart
  /// threshold, else a multipart upload reading one part at a time, so memory stays at about
  /// one part whatever the file's size. A failed multipart upload is aborted.
  public func uploadFile(_ path: String, to location: S3Location) async throws(DataError) {
    LargeBuffers.returnToSystemOnFree()
    let file = try LocalFile(openForReading: path, uri: location.uri)
    defer { file.close() }
    let size = try file.size()
    guard size >= settings.multipartThreshold else {
      try await putObject(try file.read(at: 0, count: size), at: location)
      return
    }
    // S3 allows 10,000 parts: grow the part size for very large files.
    let partSize = max(settings.partSize, (size + 9_999) / 10_000)
    let id = try await createMultipartUpload(at: location)
    do {
      var etags: [String] = []
      var offset = 0
      while offset < size {
        let part = try file.read(at: offset, count: min(partSize, size - offset))
        etags.append(try await uploadPart(part, number: etags.count + 1, uploadID: id, at: location))
        offset += part.count
      }
      try await completeMultipartUpload(uploadID: id, etags: etags, at: location)
    } catch {
      await abortMultipartUpload(uploadID: id, at: location)
      throw error
    }
  }

  /// Downloads the object at `location` to the local file at `path` with ranged GETs of
  /// `downloadRangeSize` each, streamed to disk chunk by chunk (memory stays at a few buffers); a failed range
  /// is fetched again. The file is written beside `path` and renamed into place when complete.
  public func downloadFile(_ location: S3Location, to path: String) async throws(DataError) {
    LargeBuffers.returnToSystemOnFree()
    guard let info = try await headObject(at: location) else {
      throw DataError(.notFound, "nothing is stored here to download", uri: location.uri)
    }
    let temporary = path + ".vane-part-\(UInt64.random(in: 0...UInt64.max))"
    let file = try LocalFile(createForWriting: temporary, uri: location.uri)
    var complete = false
    defer {
      file.close()
      if !complete { unlink(temporary) }
    }
    var offset = 0
    while offset < info.size || (offset == 0 && info.size == 0) {
      let end = min(offset + settings.downloadRangeSize, info.size) - 1
      let range = info.size == 0 ? nil : "bytes=\(offset)-\(end)"
      try await fetchRange(location, range: range, etag: info.etag, into: file, at: offset, expected: end - offset + 1)
      if info.size == 0 { break }
      offset = end + 1
    }
    guard rename(temporary, path) == 0 else {
      throw DataError(
        .ioFailed, "could not move the download into \(path): \(String(cString: strerror(errno)))", uri: location.uri)
    }
    complete = true
  }

  /// One ranged GET streamed into `file` at `offset`; retried whole on failure. `If-Match`
  /// makes a range of a replaced object fail instead of mixing two versions.
  private func fetchRange(
    _ location: S3Location, range: String?, etag: String, into file: LocalFile, at offset: Int, expected: Int
  ) async throws(DataError) {
    var request = S3Request(operation: "GetObject", method: .GET, location: location)
    if let range { request.headers.append(("range", range)) }
    if !etag.isEmpty { request.headers.append(("if-match", "\"\(etag)\"")) }
    do {
      try await retrier.run { (_) throws(S3Failure) -> Void in
        self.counter.record(request.operation)
        var written = 0
        do {
          let response = try await Self.sharedHTTPClient.execute(self.prepare(request), timeout: self.timeout)
          guard (200..<300).contains(Int(response.status.code)) else {
            let body = (try? await response.body.collect(upTo: 1 << 20)).map { Data($0.readableBytesView) } ?? Data()
            throw Self.failure(
              from: S3Response(status: Int(response.status.code), headers: response.headers, body: body))
          }
          for try await chunk in response.body {
            try file.write(chunk, at: offset + written, uri: location.uri)
            written += chunk.readableBytes
          }
        } catch let failure as S3Failure {
          throw failure
        } catch let error as DataError {
          throw S3Failure(.connection("writing the download failed: \(error.message)"))
        } catch {
          throw S3Failure(.connection(String(describing: error)))
        }
        guard range == nil || written == expected else {
          throw S3Failure(.integrity("range \(range ?? "") delivered \(written) of \(expected) bytes"))
        }
      }
    } catch {
      throw error.dataError("GetObject", location, endpoint: endpoint.baseURL)
    }
  }
}
