import FlyteIDL
import Foundation
import VaneModel

extension PackageLoader {
  /// Decodes, checks and fills the members into a package, or throws every problem found
  /// (including `earlier` ones from reading).
  func assemble(
    _ members: [PackageMember], _ earlier: [PackageError], _ location: PackageLocation
  ) throws(PackageLoadFailure) -> FlytePackage {
    var errors = earlier
    let ordered = members.sorted(by: PackageMember.precedes)

    let archives = ordered.filter { CodeArchive.isCodeArchiveName($0.fileName) }
    if archives.count > 1 {
      let names = archives.map(\.path).joined(separator: ", ")
      errors.append(
        location.error(
          .multipleCodeArchives, "the package holds \(archives.count) code archives (\(names)); expected at most one"))
    }
    let codeArchive = archives.first.map { CodeArchive(fileName: $0.fileName, data: $0.data) }
    if let member = archives.first {
      errors += checkCodeArchive(member, location)
    }

    var entities = DecodedEntities()
    for member in ordered {
      guard let kind = EntityFileKind(fileName: member.fileName) else { continue }
      if let error = entities.add(member, kind, location) { errors.append(error) }
    }
    errors += entities.duplicates(location)
    entities = entities.deduplicated()

    if errors.isEmpty && entities.isEmpty {
      errors.append(
        location.error(
          .emptyPackage,
          "the package holds no task, workflow or launch plan (files named *_1.pb, *_2.pb, *_3.pb);"
            + " is this the output of `pyflyte package`?"))
    }
    guard errors.isEmpty else { throw PackageLoadFailure(errors) }

    let digest = codeArchive?.digest ?? ""
    let scope = RegistrationScope(
      project: project, domain: domain,
      version: version ?? (digest.isEmpty ? Self.contentDigest(ordered) : digest))
    var tasks = entities.tasks.map(\.value)
    var workflows = entities.workflows.map(\.value)
    var launchPlans = entities.launchPlans.map(\.value)
    for index in tasks.indices { scope.fill(&tasks[index]) }
    for index in workflows.indices { scope.fill(&workflows[index]) }
    for index in launchPlans.indices { scope.fill(&launchPlans[index]) }
    return FlytePackage(
      source: location.source, scope: scope, tasks: tasks, workflows: workflows, launchPlans: launchPlans,
      codeArchive: codeArchive)
  }

  /// Problems with the code archive: it must be a readable gzip-compressed tar archive.
  private func checkCodeArchive(_ member: PackageMember, _ location: PackageLocation) -> [PackageError] {
    let problems: [ArchiveProblem]
    if GzipInflater.hasGzipMagic(member.data) {
      do {
        let bytes = [UInt8](try GzipInflater.inflate(member.data, limit: maxExpandedBytes))
        problems =
          bytes.isEmpty || TarReader.looksLikeTar(bytes)
          ? TarReader.read(bytes).problems
          : [ArchiveProblem(.tarCorrupt, "it does not hold a tar archive")]
      } catch {
        problems = [error]
      }
    } else {
      problems = [ArchiveProblem(.notAnArchive, "it is not gzip-compressed")]
    }
    return problems.map { problem in
      let inner = problem.member.map { " (member \(MemberPath.quoted($0)))" } ?? ""
      return location.error(
        problem.code == .tooLarge ? .tooLarge : .codeArchiveInvalid,
        "the code archive is unusable: \(problem.message)\(inner); re-run `pyflyte package --fast`",
        member: member.path)
    }
  }

  /// A stable digest of the entity files and code archive: the same files give the same
  /// version, whatever their timestamps or the archive's compression.
  static func contentDigest(_ members: [PackageMember]) -> String {
    var hasher = SHA256()
    let relevant = members.filter {
      EntityFileKind(fileName: $0.fileName) != nil || CodeArchive.isCodeArchiveName($0.fileName)
    }
    for member in relevant.sorted(by: { $0.path < $1.path }) {
      hasher.update(Array(member.path.utf8) + [0])
      hasher.update((0..<8).reversed().map { UInt8(truncatingIfNeeded: UInt64(member.data.count) >> ($0 * 8)) })
      hasher.update(member.data)
    }
    return String(hasher.finalizeHex().prefix(32))
  }
}
