import EcluseCore
import Foundation
import Testing

@testable import EcluseFormats

/// Reads and loads the policy fixtures of `Fixtures/policies/`.
enum PolicyFixtures {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "Fixtures/policies"))
        return Array(try Data(contentsOf: url))
    }

    /// The problems of loading `text` as a policy named `policy.yaml`; empty when it loads.
    static func problems(_ text: String) -> [FormatError] {
        problems(Array(text.utf8), file: "policy.yaml")
    }

    static func problems(_ bytes: [UInt8], file: String) -> [FormatError] {
        do {
            _ = try PolicyLoader().load(bytes, file: file)
            return []
        } catch {
            return error.problems
        }
    }

    /// The problems of one fixture, named as in the fixture folder.
    static func problems(fixture name: String) throws -> [FormatError] {
        problems(try bytes(name), file: "\(name).yaml")
    }
}
