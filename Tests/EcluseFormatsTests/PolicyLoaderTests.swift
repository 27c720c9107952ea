import EcluseCore
import Foundation
import Testing

@testable import EcluseFormats

@Suite struct PolicyLoaderTests {
    @Test func theReferencePolicyLoadsIntoExactlyTheExpectedValues() throws {
        let bytes = try PolicyFixtures.bytes("valid")
        let policy = try PolicyLoader().load(bytes, file: "valid.yaml")

        let expected = Policy(
            controller: Controller(name: "Exemple SARL", dpo: "dpo@example.org"),
            purposes: [
                Purpose(
                    name: "calls-on-the-road", legalBasis: .legitimateInterest,
                    description: "Salespeople call the accounts they own.")
            ],
            destinations: [
                Destination(
                    name: "team-folder", kind: .vdir, scope: .shared, residency: .eu,
                    attestations: ["eu-hosting"], settings: ["path": "out/team"]),
                Destination(
                    name: "sales-phones", kind: .carddav, scope: .perUser, residency: .eu,
                    settings: [
                        "url": "http://127.0.0.1:5232/{user}/contacts/",
                        "username": "{user}",
                        "password-env": "ECLUSE_CARDDAV_PASSWORD",
                    ]),
            ],
            rules: [
                Rule(
                    purpose: "calls-on-the-road",
                    destination: "sales-phones",
                    subjects: SubjectSelector(
                        owner: .self, tagsAny: ["customer", "prospect"], tagsNone: ["do-not-call"]),
                    fields: FieldSet([
                        FieldPath(.name), FieldPath(.organisation), FieldPath(.phone, kind: "work"),
                        FieldPath(.phone, kind: "mobile"), FieldPath(.email, kind: "work"),
                    ]),
                    keep: .whileSelected,
                    location: SourceLocation(file: "valid.yaml", line: 21, column: 5))
            ],
            version: "12d89766558c5cd2e257c41767862b6527a24fc0347fe7f756ca12221b4f11ea"
        )
        #expect(policy == expected)
    }

    @Test func theShippedSamplePolicyLoads() throws {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let bytes = Array(try Data(contentsOf: root.appendingPathComponent("sample/policy.yaml")))
        let policy = try PolicyLoader().load(bytes, file: "sample/policy.yaml")

        #expect(
            policy.destinations.map(\.name) == [
                "team-folder", "sales-phones", "phone-download", "agenda-feed", "sales-calendars",
            ])
        #expect(policy.destination(named: "sales-phones")?.scope == .perUser)
        #expect(policy.destination(named: "sales-calendars")?.items == .events)
        #expect(policy.rules.last?.eraseDetails == Period(days: 90))
        for rule in policy.rules {
            #expect(!rule.fields.allows(.note) && !rule.fields.allows(.birthday))
            #expect(!rule.fields.allows(.address, kinds: ["home"]))
        }
    }

    @Test func anOwnRiskDestinationKeepsWhoApprovedItAndWhen() throws {
        let policy = try PolicyLoader().load(try PolicyFixtures.bytes("own-risk"), file: "own-risk.yaml")

        let destination = try #require(policy.destination(named: "phones"))
        #expect(destination.residency == .ownRisk(approver: "Direction générale", date: "2026-11-30"))
        #expect(policy.controller == nil)
        #expect(policy.rules.isEmpty)
    }

    @Test func theVersionIsTheHashOfTheBytesAndChangesWithOneByte() throws {
        var bytes = try PolicyFixtures.bytes("valid")
        let first = try PolicyLoader().load(bytes, file: "valid.yaml").version

        // Changing one letter of the description changes nothing else the loader reads.
        let index = try #require(bytes.firstIndex(of: UInt8(ascii: "S")))
        bytes[index] = UInt8(ascii: "T")
        let second = try PolicyLoader().load(bytes, file: "valid.yaml").version

        #expect(first.count == 64)
        #expect(first != second)
        #expect(try PolicyLoader().load(bytes, file: "other.yaml").version == second)
    }

    @Test func aFileWithThreeMistakesReportsAllThree() throws {
        let problems = try PolicyFixtures.problems(fixture: "three-mistakes")

        #expect(problems.map(\.location.line) == [4, 14, 15])
        #expect(problems.map(\.location.column) == [18, 9, 20])
        #expect(
            problems[0].description
                == "three-mistakes.yaml:4:18: unknown legal basis \"legitimate-intrest\". Did you mean "
                + "\"legitimate-interest\"? Use one of: consent, contract, legal-obligation, vital-interest, "
                + "public-task, legitimate-interest.")
        #expect(
            problems[1].description
                == "three-mistakes.yaml:14:9: rule 1 names the destination \"sales-phone\", which the policy "
                + "does not declare. Did you mean \"sales-phones\"? Declared destinations: sales-phones.")
        #expect(problems[2].message == "unknown field \"phone.wrok\"")
        #expect(problems[2].fix?.hasPrefix("Did you mean \"phone.work\"? Fields are: name, organisation,") == true)
    }

    @Test(arguments: [
        ("bad-indentation", 4, 4, "malformed YAML: did not find expected key"),
        ("unclosed-quote", 6, 1, "malformed YAML: found unexpected end of stream"),
        ("tab-indent", 3, 1, "malformed YAML: found character that cannot start any token"),
    ])
    func malformedYAMLReportsLibyamlsLine(fixture: String, line: Int, column: Int, message: String) throws {
        let problems = try PolicyFixtures.problems(fixture: fixture)

        #expect(problems.count == 1)
        #expect(problems.first?.location == SourceLocation(file: "\(fixture).yaml", line: line, column: column))
        #expect(problems.first?.message.hasPrefix(message) == true)
    }

    @Test func everyTruncationOfTheReferenceFileLoadsOrReportsWithALocation() throws {
        let bytes = try PolicyFixtures.bytes("valid")
        for length in 0..<bytes.count {
            for problem in PolicyFixtures.problems(Array(bytes.prefix(length)), file: "cut.yaml") {
                #expect(problem.location.line >= 1 && problem.fix != nil)
            }
        }
    }

    @Test func anEmptyRulesListIsAllowed() {
        #expect(PolicyFixtures.problems("purposes:\n  calls: { legal-basis: consent }\nrules: []\n").isEmpty)
    }

    @Test func anEmptyFileIsAnError() {
        let problems = PolicyFixtures.problems("")

        #expect(
            problems.map(\.description) == [
                "policy.yaml:1:1: the policy file is empty. "
                    + "Start from sample/policy.yaml: a policy needs at least \"purposes:\"."
            ])
    }

    @Test func thePolicyErrorListsOneProblemPerLine() {
        let error = PolicyError(problems: [
            FormatError("one", at: SourceLocation(file: "p.yaml", line: 1, column: 2), fix: "Fix it."),
            FormatError("two", at: SourceLocation(file: "p.yaml", line: 3, column: 4)),
        ])

        #expect(error.description == "p.yaml:1:2: one. Fix it.\np.yaml:3:4: two")
    }
}
