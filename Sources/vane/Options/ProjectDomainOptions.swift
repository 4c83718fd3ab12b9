import ArgumentParser

/// `-p/--project` and `-d/--domain`: the project and domain of a package's entities, or of an
/// execution named by its name alone.
struct ProjectDomainOptions: ParsableArguments {
  @Option(name: [.customShort("p"), .long], help: "The project.")
  var project: String = "flytesnacks"

  @Option(name: [.customShort("d"), .long], help: "The domain.")
  var domain: String = "development"
}
