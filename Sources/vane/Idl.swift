import ArgumentParser
import FlyteIDL
import Foundation
import SwiftProtobuf

/// `vane idl`: tools for Flyte's wire format.
struct Idl: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Inspect and convert Flyte protobuf messages.",
    subcommands: [Convert.self, Types.self]
  )

  enum Encoding: String, ExpressibleByArgument, CaseIterable {
    case binary, json
  }

  struct Convert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Decode a message in one encoding and write it in another.",
      discussion: "Example: vane idl convert --type flyteidl.core.LiteralMap --from binary --to json outputs.pb -"
    )

    @Option(help: "Full proto name of the message, e.g. flyteidl.admin.TaskSpec (see `vane idl types`).")
    var type: String

    @Option(help: "Encoding of the input.")
    var from: Encoding = .binary

    @Option(help: "Encoding of the output.")
    var to: Encoding = .json

    @Argument(help: "Input file, or - for standard input.")
    var input: String

    @Argument(help: "Output file, or - for standard output.")
    var output: String = "-"

    func run() async throws {
      guard let messageType = FlyteMessageRegistry.types[type] else {
        let near = FlyteMessageRegistry.types.keys.filter {
          $0.hasSuffix("." + (type.split(separator: ".").last ?? ""))
        }
        let hint =
          near.isEmpty ? "run `vane idl types` for the list" : "did you mean \(near.sorted().joined(separator: ", "))?"
        throw CLIFailure.badInput("unknown message type '\(type)': \(hint)")
      }
      let data = try readInput()
      let message: any SwiftProtobuf.Message
      do {
        switch from {
        case .binary: message = try messageType.init(serializedBytes: data)
        case .json: message = try messageType.init(jsonUTF8Data: data)
        }
      } catch {
        throw CLIFailure.badInput("\(input): not a valid \(from.rawValue) \(type): \(error)")
      }
      let encoded = try to == .binary ? message.deterministicBinary() : message.deterministicJSON()
      try writeOutput(encoded)
    }

    private func readInput() throws -> Data {
      if input == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
      do {
        return try Data(contentsOf: URL(fileURLWithPath: input))
      } catch {
        throw CLIFailure.badInput("\(input): cannot read: \(error.localizedDescription)")
      }
    }

    private func writeOutput(_ data: Data) throws {
      if output == "-" {
        FileHandle.standardOutput.write(data)
        return
      }
      do {
        try data.write(to: URL(fileURLWithPath: output), options: .atomic)
      } catch {
        throw CLIFailure.failed("\(output): cannot write: \(error.localizedDescription)")
      }
    }
  }

  struct Types: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the message types Vane knows.")

    func run() async throws {
      for name in FlyteMessageRegistry.types.keys.sorted() { print(name) }
    }
  }
}
