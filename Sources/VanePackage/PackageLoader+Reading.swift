import Foundation

extension PackageLoader {
  /// The files of an archive (gzip-compressed tar or plain tar), and the problems met.
  func readArchive(_ data: Data) -> ([PackageMember], [ArchiveProblem]) {
    var bytes: [UInt8]
    if GzipInflater.hasGzipMagic(data) {
      do {
        bytes = [UInt8](try GzipInflater.inflate(data, limit: maxExpandedBytes))
      } catch {
        return ([], [error])
      }
      guard bytes.isEmpty || TarReader.looksLikeTar(bytes) else {
        return ([], [ArchiveProblem(.tarCorrupt, "the file is gzip-compressed but what it holds is not a tar archive")])
      }
    } else {
      bytes = [UInt8](data)
      guard TarReader.looksLikeTar(bytes) else {
        let what = data.isEmpty ? "the file is empty" : "the file is not a gzip-compressed tar archive"
        return ([], [ArchiveProblem(.notAnArchive, "\(what); pass the .tgz written by `pyflyte package`")])
      }
    }
    let contents = TarReader.read(bytes)
    let members = contents.entries.filter { $0.kind == .file }.map { PackageMember(path: $0.path, data: $0.data) }
    return (members, contents.problems)
  }

  /// The relevant files under a directory, recursively: entity files and code archives.
  func readDirectory(_ url: URL, _ location: PackageLocation) -> ([PackageMember], [PackageError]) {
    let manager = FileManager.default
    guard let walker = manager.enumerator(atPath: url.path) else {
      return ([], [location.error(.unreadable, "cannot list the directory")])
    }
    var members: [PackageMember] = []
    var errors: [PackageError] = []
    var expanded = 0
    while let relative = walker.nextObject() as? String {
      let name = MemberPath.fileName(of: relative)
      guard EntityFileKind(fileName: name) != nil || CodeArchive.isCodeArchiveName(name) else { continue }
      let file = url.appendingPathComponent(relative)
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
      do {
        let data = try Data(contentsOf: file)
        expanded += data.count
        guard expanded <= maxExpandedBytes else {
          errors.append(
            location.error(.tooLarge, "the package's files exceed \(maxExpandedBytes) bytes", member: relative))
          break
        }
        members.append(PackageMember(path: relative, data: data))
      } catch {
        errors.append(
          location.error(.unreadable, "cannot read the file: \(error.localizedDescription)", member: relative))
      }
    }
    return (members, errors)
  }
}
