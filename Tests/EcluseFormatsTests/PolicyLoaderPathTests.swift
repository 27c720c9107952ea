import EcluseCore
import Testing

@testable import EcluseFormats

/// Destination settings that would put copies where they must not go are refused.
@Suite struct PolicyLoaderPathTests {
    private func problems(path: String) -> [String] {
        let text = """
            purposes:
              calls: { legal-basis: consent }
            destinations:
              folder: { kind: vdir, path: "\(path)", residency: eu }

            """
        return PolicyFixtures.problems(text).map(\.description)
    }

    @Test(arguments: [
        ("", "names the data folder itself, where the database lives"),
        (".", "names the data folder itself, where the database lives"),
        ("./.", "names the data folder itself, where the database lives"),
        ("/", "names the root of the file system"),
        ("..", "climbs out of its folder with \"..\""),
        ("out/../../etc", "climbs out of its folder with \"..\""),
        ("~/contacts", "starts with \"~\", which Ecluse does not expand"),
    ])
    func aFolderThatIsNotOneOfItsOwnIsRefused(_ path: String, _ reason: String) {
        #expect(problems(path: path).first?.hasPrefix("policy.yaml:4:31: \"path\" \(reason).") == true, "\(path)")
    }

    @Test(arguments: ["out/team", "/srv/ecluse/team", "..folder/x"])
    func aFolderOfItsOwnIsAccepted(_ path: String) {
        let found = problems(path: path)
        #expect(found.allSatisfy { !$0.contains("\"path\"") }, "\(found)")
    }

    @Test func credentialsInAURLAreRefused() {
        let text = """
            purposes:
              calls: { legal-basis: consent }
            destinations:
              book: { kind: carddav, url: "https://alice:pw@dav.example.org/book/", residency: eu }

            """
        let found = PolicyFixtures.problems(text).map(\.description)
        #expect(found.first?.contains("\"url\" should hold no credentials, query or fragment") == true)
        #expect(found.allSatisfy { !$0.contains("pw@") })
    }
}
