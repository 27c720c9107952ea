import EcluseCore
import Testing

@testable import EcluseFormats

/// One mistake per test, each checked for its place and its words.
@Suite struct PolicyLoaderErrorTests {
    private let purposes = "purposes:\n  calls: { legal-basis: consent }\n"

    @Test func anUnknownKeySuggestsTheClosestValidKey() {
        let problems = PolicyFixtures.problems("purposes:\n  calls:\n    legal-bassis: consent\n")

        #expect(
            problems.map(\.description) == [
                "policy.yaml:3:5: unknown key \"legal-bassis\" in purpose \"calls\". Did you mean \"legal-basis\"? "
                    + "The keys of a purpose are: legal-basis, description.",
                "policy.yaml:2:3: purpose \"calls\" has no \"legal-basis\". Add \"legal-basis:\" with one of: "
                    + "consent, contract, legal-obligation, vital-interest, public-task, legitimate-interest.",
            ])
    }

    @Test func anUnknownTopLevelSectionListsTheSections() {
        let problems = PolicyFixtures.problems(purposes + "rule: []\n")

        #expect(
            problems.map(\.description) == [
                "policy.yaml:3:1: unknown key \"rule\" in the policy. Did you mean \"rules\"? "
                    + "The sections of a policy are: controller, purposes, destinations, rules, device-preamble."
            ])
    }

    @Test func aWrongTypeSaysWhatWasExpected() {
        let problems = PolicyFixtures.problems("purposes: [calls]\n")

        #expect(
            problems.map(\.description) == [
                "policy.yaml:1:11: \"purposes\" should be a mapping, but it is a list. "
                    + "Write it as indented \"key: value\" lines, or as { key: value, … }."
            ])
    }

    @Test func aMissingRequiredKeyPointsAtItsOwner() {
        let problems = PolicyFixtures.problems(
            purposes + "destinations:\n  d: { kind: vdir, path: out, residency: eu }\n"
                + "rules:\n  - purpose: calls\n    to: d\n")

        #expect(problems.map(\.location.line) == [6])
        #expect(problems.map(\.location.column) == [5])
        #expect(problems.first?.message == "rule 1 has no \"fields\"")
    }

    @Test(arguments: [
        ("kind: webdav, path: out, residency: eu", 14, "unknown destination kind \"webdav\""),
        ("kind: vdir, path: out, scope: team, residency: eu", 38, "unknown scope \"team\""),
        ("kind: vdir, path: out, residency: us", 42, "unknown residency \"us\""),
    ])
    func unknownWordsOfADestinationAreNamed(settings: String, column: Int, message: String) {
        let problems = PolicyFixtures.problems(purposes + "destinations:\n  d: { \(settings) }\n")

        #expect(problems.map(\.message) == [message])
        #expect(problems.map(\.location.line) == [4])
        #expect(problems.map(\.location.column) == [column])
    }

    @Test func anUnknownSettingForTheKindSuggestsTheRightOne() {
        let problems = PolicyFixtures.problems(
            purposes + "destinations:\n  d:\n    kind: vdir\n    pth: out\n    residency: eu\n")

        #expect(
            problems.map(\.description) == [
                "policy.yaml:6:5: unknown key \"pth\" in destination \"d\". Did you mean \"path\"? A vdir destination "
                    + "takes: kind, scope, residency, attestations, when-attestations-lapse, approved-by, approved-on, "
                    + "on-drift, path.",
                "policy.yaml:4:3: destination \"d\" has no \"path\". A vdir destination needs \"path:\"; a folder, "
                    + "relative to the data folder unless absolute.",
            ])
    }

    @Test func aCardDAVURLMustBeHTTPAndIsNotEchoed() {
        let problems = PolicyFixtures.problems(
            purposes + "destinations:\n  d: { kind: carddav, url: ftp://someone@dav.example.net/, residency: eu }\n")

        #expect(problems.map(\.message) == ["\"url\" should start with http:// or https://"])
        #expect(!problems.contains { $0.description.contains("someone") })
    }

    @Test func userPlaceholdersNeedAPerUserDestination() {
        let problems = PolicyFixtures.problems(
            purposes + "destinations:\n  d:\n    kind: vdir\n    path: out/{user}\n    residency: eu\n")

        #expect(problems.map(\.message) == ["\"{user}\" in \"path\" needs a per-user destination"])
    }

    @Test func ownRiskNeedsAnApproverAndADate() {
        let problems = PolicyFixtures.problems(
            purposes + "destinations:\n  d: { kind: vdir, path: out, residency: own-risk }\n")

        #expect(
            problems.map(\.message) == [
                "destination \"d\" has no \"approved-by\"", "destination \"d\" has no \"approved-on\"",
            ])
    }

    @Test func aRuleNamingAnUndeclaredPurposeSuggestsOne() {
        let problems = PolicyFixtures.problems(
            purposes + "destinations:\n  d: { kind: vdir, path: out, residency: eu }\n"
                + "rules:\n  - { purpose: cals, to: d, fields: [name] }\n")

        #expect(
            problems.map(\.description) == [
                "policy.yaml:6:16: rule 1 names the purpose \"cals\", which the policy does not declare. "
                    + "Did you mean \"calls\"? Declared purposes: calls."
            ])
    }

    @Test func ownerSelfOnASharedDestinationIsRefused() {
        let problems = PolicyFixtures.problems(
            purposes + "destinations:\n  d: { kind: vdir, path: out, residency: eu }\n"
                + "rules:\n  - purpose: calls\n    to: d\n    subjects: { owner: self }\n    fields: [name]\n")

        #expect(
            problems.map(\.description) == [
                "policy.yaml:8:24: owner: self needs a per-user destination, but the destination of rule 1 is shared. "
                    + "Use \"owner: any\", or send the rule to a destination with \"scope: per-user\"."
            ])
    }

    @Test func aDuplicatePurposeOrDestinationNameIsReportedAtTheSecond() {
        let problems = PolicyFixtures.problems(
            "purposes:\n  calls: { legal-basis: consent }\n  calls: { legal-basis: contract }\n"
                + "destinations:\n  d: { kind: vdir, path: a, residency: eu }\n"
                + "  d: { kind: vdir, path: b, residency: eu }\n"
        )

        #expect(
            problems.map(\.description) == [
                "policy.yaml:3:3: duplicate purpose \"calls\" (first declared on line 2). "
                    + "Give each purpose its own name, or merge the two.",
                "policy.yaml:6:3: duplicate destination \"d\" (first declared on line 5). "
                    + "Give each destination its own name, or merge the two.",
            ])
    }

    @Test(arguments: ["rules: []\n", "purposes:\nrules: []\n", "purposes: {}\n"])
    func aPolicyWithoutPurposesIsAnError(text: String) {
        let problems = PolicyFixtures.problems(text)

        #expect(problems.map(\.message) == ["the policy declares no purpose"])
    }

    @Test func theDPOAddressIsNeverEchoed() {
        let problems = PolicyFixtures.problems("controller: { name: X, dpo: [someone@example.org] }\n" + purposes)

        #expect(problems.map(\.message) == ["\"dpo\" should be text, but it is a list"])
        #expect(!problems.contains { $0.description.contains("someone") })
    }

    @Test func anUnquotedUserPlaceholderExplainsTheQuotes() {
        let problems = PolicyFixtures.problems(
            purposes + "destinations:\n  d:\n    kind: carddav\n    url: http://127.0.0.1/{user}/\n"
                + "    username: {user}\n    scope: per-user\n    residency: eu\n")

        #expect(problems.map(\.location.line) == [7])
        #expect(
            problems.first?.fix
                == "Quote the value: text that starts with \"{\" is read as a mapping, as in \"{user}\".")
    }
}
