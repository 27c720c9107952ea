import EcluseCore
import EcluseTesting
import Foundation
import Testing

/// Promise 1 over random stores and random policies: no copy ever carries a field that a
/// rule selecting its subject for its destination does not allow, and no subject gets a
/// copy that no rule selects.
@Suite struct PolicyPropertyTests {
    @Test func noCopyCarriesAFieldNoMatchingRuleAllows() {
        var generator = SeededGenerator(seed: 2026)
        let tags = ["customer", "prospect", "partner", "do-not-call"]
        let users = ["alice", "bruno", "chloe"].map { User(login: $0) }
        let spellings = FieldPath.allSpellings

        for round in 0..<40 {
            let contacts = (0..<60).map { number -> Contact in
                var contact = Invented.contact(
                    round * 100 + number, owner: users.randomElement(using: &generator)?.login ?? "alice",
                    tags: tags.filter { _ in Bool.random(using: &generator) })
                contact.consent = [nil, .given, .withdrawn, .objected].randomElement(using: &generator) ?? nil
                if Bool.random(using: &generator) { contact.phones.removeLast() }
                return contact
            }
            let destinations = (0..<3).map { index in
                Destination(
                    name: "d\(index)", kind: .vdir, scope: Bool.random(using: &generator) ? .perUser : .shared,
                    settings: ["path": "out/\(index)"])
            }
            let rules = (0..<5).map { _ -> Rule in
                let destination = destinations.randomElement(using: &generator) ?? destinations[0]
                let selector = SubjectSelector(
                    owner: destination.scope == .perUser && Bool.random(using: &generator) ? .self : .any,
                    tagsAny: tags.filter { _ in Int.random(in: 0..<3, using: &generator) == 0 },
                    tagsNone: tags.filter { _ in Int.random(in: 0..<4, using: &generator) == 0 },
                    consent: Bool.random(using: &generator) ? .given : .notWithdrawn)
                let fields = FieldSet(
                    spellings.filter { _ in Int.random(in: 0..<3, using: &generator) == 0 }
                        .compactMap(FieldPath.init(parsing:)))
                return Rule(purpose: "p", destination: destination.name, subjects: selector, fields: fields)
            }
            let policy = Policy(
                purposes: [Purpose(name: "p", legalBasis: .legitimateInterest)], destinations: destinations,
                rules: rules, version: "v\(round)")
            let state = DesiredState(policy: policy, contacts: contacts, users: users)
            let byID = Dictionary(uniqueKeysWithValues: contacts.map { ($0.id, $0) })

            for (key, copies) in state.collections {
                guard let destination = policy.destination(named: key.destination) else { continue }
                for copy in copies {
                    guard let contact = byID[copy.subject] else {
                        Issue.record("a copy of a subject that is not in the store")
                        continue
                    }
                    // Each rule judged on its own, as a one-rule policy would.
                    let allowing = policy.rules(for: key.destination).filter { rule in
                        var single = policy
                        single.rules = [rule]
                        return Decider(policy: single).decide(contact, at: destination, for: key.userOrNil).isSelected
                    }
                    #expect(!allowing.isEmpty, "a copy that no rule selects")
                    #expect(contact.consent != .withdrawn && contact.consent != .objected)
                    let allowed = allowing.reduce(FieldSet.none) { $0.union($1.fields) }
                    #expect(copy.contact == contact.minimised(to: allowed))
                    #expect(copy.fields.paths.isSubset(of: allowed.paths))
                    #expect(
                        copy.contact?.owner == nil && copy.contact?.extras.isEmpty == true
                            && copy.contact?.consent == nil)
                }
            }
        }
    }
}
