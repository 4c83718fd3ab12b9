import ArgumentParser

/// The options every command against a server shares: where it is, the project and domain,
/// and the output format.
struct RemoteOptions: ParsableArguments {
  @OptionGroup var endpoint: EndpointOption
  @OptionGroup var scope: ProjectDomainOptions
  @OptionGroup var format: OutputFormatOption

  var project: String { scope.project }
  var domain: String { scope.domain }
  var output: OutputFormat { format.output }

  func client() throws -> RemoteClient {
    try endpoint.client()
  }
}
