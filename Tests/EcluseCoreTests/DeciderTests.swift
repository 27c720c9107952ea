import EcluseCore
import EcluseTesting
import Foundation
import Testing

@Suite struct DeciderTests {
    let phones = Destination(name: "phones", kind: .carddav, scope: .perUser)
    let folder = Destination(name: "folder", kind: .vdir, scope: .shared)

    func policy(_ rules: [Rule]) -> Policy {
        Policy(
            purposes: [Purpose(name: "calls", legalBasis: .legitimateInterest)],
            destinations: [phones, folder], rules: rules, version: "v1")
    }

    func rule(to destination: String, _ selector: SubjectSelector, fields: [String]) -> Rule {
        Rule(
            purpose: "calls", destination: destination, subjects: selector,
            fields: FieldSet(fields.compactMap(FieldPath.init(parsing:))))
    }

    @Test func ownerSelfSelectsOnlyTheCollectionUsersContacts() {
        let decider = Decider(policy: policy([rule(to: "phones", SubjectSelector(owner: .self), fields: ["name"])]))
        let mine = Invented.contact(1, owner: "alice")
        #expect(decider.decide(mine, at: phones, for: "alice").isSelected)
        let other = decider.decide(mine, at: phones, for: "bruno")
        #expect(!other.isSelected)
        #expect(other.reasons.map(\.reason) == ["owned by another user, not by this collection's user"])
    }

    @Test func ownerSelfNeverSelectsInASharedCollection() {
        let decider = Decider(policy: policy([rule(to: "folder", SubjectSelector(owner: .self), fields: ["name"])]))
        #expect(!decider.decide(Invented.contact(1), at: folder, for: nil).isSelected)
    }

    @Test func tagSelectorsCombine() {
        let selector = SubjectSelector(
            tagsAny: ["customer", "prospect"], tagsAll: ["active"], tagsNone: ["do-not-call"])
        let decider = Decider(policy: policy([rule(to: "folder", selector, fields: ["name"])]))
        #expect(decider.decide(Invented.contact(1, tags: ["prospect", "active"]), at: folder, for: nil).isSelected)
        #expect(!decider.decide(Invented.contact(1, tags: ["supplier", "active"]), at: folder, for: nil).isSelected)
        #expect(!decider.decide(Invented.contact(1, tags: ["customer"]), at: folder, for: nil).isSelected)
        let excluded = decider.decide(
            Invented.contact(1, tags: ["customer", "active", "do-not-call"]), at: folder, for: nil)
        #expect(!excluded.isSelected)
        #expect(excluded.reasons.first?.reason == "has the excluded tags do-not-call")
    }

    @Test func fieldsOfEveryMatchingRuleAreUnited() {
        let decider = Decider(
            policy: policy([
                rule(to: "folder", SubjectSelector(), fields: ["name"]),
                rule(to: "folder", SubjectSelector(tagsAny: ["customer"]), fields: ["phone.work"]),
                rule(to: "folder", SubjectSelector(tagsAny: ["partner"]), fields: ["note"]),
            ]))
        let decision = decider.decide(Invented.contact(1, tags: ["customer"]), at: folder, for: nil)
        #expect(decision.matchedRules.count == 2)
        #expect(decision.fields.spellings == ["name", "phone.work"])
    }

    @Test func aDestinationWithoutRulesReceivesNothing() {
        let decision = Decider(policy: policy([])).decide(Invented.contact(1), at: folder, for: nil)
        #expect(!decision.isSelected)
        #expect(decision.reasons.first?.reason == "no rule sends anything to this destination")
    }
}

@Suite struct LoginTests {
    @Test(arguments: ["alice", "bruno.k", "c_d-e", "emma@example.org", "a1"])
    func plainLoginsAreValid(_ login: String) {
        #expect(User.isValidLogin(login))
    }

    @Test(arguments: [
        "", "..", "../x", "a/b", "a..b", ".hidden", "-x", "a b", "a?b", "a%2e", "é", String(repeating: "a", count: 65),
    ])
    func loginsThatCouldLeaveAFolderOrChangeAURLAreNot(_ login: String) {
        #expect(!User.isValidLogin(login))
    }
}

@Suite struct RecordIDTests {
    @Test func idsAreUniqueAndSortInCreationOrder() {
        let ids = (0..<70_000).map { _ in RecordID.make(at: Date(timeIntervalSince1970: 1_800_000_000)) }
        #expect(Set(ids).count == ids.count)
        let later = RecordID.make(at: Date(timeIntervalSince1970: 1_800_000_001))
        #expect(ids.allSatisfy { $0 < later })
        #expect(ids.allSatisfy { $0.count == 34 })
    }
}
