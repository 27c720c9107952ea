import EcluseCore
import EcluseFormats
import EcluseLedger
import EcluseStore
import Foundation

/// Says, for every subject and collection, which rule lets it through or why it is held back.
///
/// Subjects are named by their ledger pseudonym so an explanation can be shared with a DPO or
/// pasted into a ticket without carrying personal data.
struct Explainer {
    let store: any Store
    let policy: Policy
    let now: Date

    func explain() throws -> [Explanation] {
        let pseudonyms = Pseudonymizer(key: try store.pseudonymKey())
        let decider = Decider(policy: policy)
        let users = try store.users()
        let contacts = try store.allContacts()
        let context = DecisionContext(
            now: now, appointments: try store.appointments(owner: nil), contacts: contacts,
            window: policy.appointmentWindow, expander: ICalOccurrences())
        var explanations: [Explanation] = []
        for contact in contacts {
            for destination in policy.destinations {
                for key in DesiredState.collectionKeys(of: destination, users: users) {
                    let decision = decider.decide(contact, at: destination, for: key.userOrNil, in: context)
                    explanations.append(
                        Explanation(
                            subject: pseudonyms.pseudonym(for: contact.id), collection: key.description,
                            selected: decision.isSelected, rules: decision.matchedRules.map(\.label),
                            fields: decision.fields.spellings, reasons: decision.reasons.map(\.description),
                            keep: decision.keep, erase: decision.eraseDetails))
                }
            }
        }
        return explanations
    }
}

/// Why one subject is in or out of one collection.
struct Explanation: Encodable {
    var subject: String
    var collection: String
    var selected: Bool
    var rules: [String]
    var fields: [String]
    var reasons: [String]
    var keepText: String

    init(
        subject: String, collection: String, selected: Bool, rules: [String], fields: [String], reasons: [String],
        keep: KeepRule = .whileSelected, erase: Period? = nil
    ) {
        self.subject = subject
        self.collection = collection
        self.selected = selected
        self.rules = rules
        self.fields = fields
        self.reasons = reasons
        switch (keep, erase) {
        case (_, let erase?): keepText = "in the events of the subject's meetings, erased \(erase) after each one ends"
        case (.whileSelected, nil): keepText = "stays while the rules select it"
        case (.period(let period), nil):
            keepText = "stays at most \(period) after the copy, while the rules select it"
        }
    }

    var text: String {
        if selected {
            let by = rules.joined(separator: "; ")
            return "\(subject) → \(collection): in, by \(by); fields \(fields.joined(separator: ", "))"
        }
        return "\(subject) → \(collection): out; " + reasons.joined(separator: "; ")
    }
}
