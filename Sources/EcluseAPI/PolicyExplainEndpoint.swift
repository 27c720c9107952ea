import EcluseCore
import EcluseFormats
import EcluseHTTP
import EcluseLedger
import EcluseStore
import Foundation

/// `GET /api/v1/policy/explain?subject=&destination=`: why one subject reaches each collection
/// or is held back, as `ecluse policy explain --json` says it. The subject is named by its
/// pseudonym in the answer, whatever the question named it by.
struct PolicyExplainEndpoint: Sendable {
    let service: APIService

    func explain(_ request: Request, _ caller: APICaller) throws -> Response {
        let query = APIQuery(request: request)
        guard let wanted = query.text("subject")?.trimmingCharacters(in: .whitespaces), !wanted.isEmpty else {
            throw APIProblems.badParameter("subject", "is required: a pseudonym, a CRM UID or an email address")
        }
        let policy = try service.policy()
        let destinations = try policy.destinations.filter { candidate in
            guard let name = query.text("destination") else { return true }
            guard policy.destination(named: name) != nil else {
                throw HTTPProblem(404, detail: "the policy has no destination of this name")
            }
            return candidate.name == name
        }
        let now = service.clock.now()
        let rows = try service.withStore { store -> [ExplanationJSON] in
            let pseudonyms = Pseudonymizer(key: try store.pseudonymKey())
            // Known gap (docs/known-gaps.md): every contact is read to find one and to decide.
            let contacts = try store.allContacts()
            let matches = contacts.filter { contact in
                pseudonyms.pseudonym(for: contact.id) == wanted || contact.sourceUID == wanted
                    || contact.emails.contains { $0.value.lowercased() == wanted.lowercased() }
            }
            guard let contact = matches.first else { throw HTTPProblem(404, detail: "no subject matches `subject`") }
            // Several subjects can share an email: explaining one of them would mislead.
            guard matches.count == 1 else {
                let names = matches.map { pseudonyms.pseudonym(for: $0.id) }.sorted().joined(separator: ", ")
                throw HTTPProblem(
                    409, detail: "\(matches.count) subjects match `subject`; explain each by its pseudonym: \(names)")
            }
            let context = DecisionContext(
                now: now, appointments: try store.appointments(owner: nil), contacts: contacts,
                window: policy.appointmentWindow, expander: ICalOccurrences())
            let attestations = try store.attestations()
            let users = try store.users()
            let decider = Decider(policy: policy)
            var rows: [ExplanationJSON] = []
            for destination in destinations {
                let eligibility = Eligibility(of: destination, attestations: attestations, at: now)
                for key in DesiredState.collectionKeys(of: destination, users: users) {
                    let decision = decider.decide(contact, at: destination, for: key.userOrNil, in: context)
                    var reasons = decision.reasons.map(\.description)
                    if let held = eligibility.reason { reasons.append("\(destination.name): \(held)") }
                    var selected = decision.isSelected && eligibility.isEligible
                    if case .period = decision.keep, try store.retiredSubjects(in: key).contains(contact.id) {
                        reasons.append("\(key): its copy was taken back at the end of its kept period")
                        selected = false
                    }
                    rows.append(
                        ExplanationJSON(
                            subject: pseudonyms.pseudonym(for: contact.id), collection: key.description,
                            selected: selected, rules: decision.matchedRules.map(\.label),
                            fields: contact.minimised(to: decision.fields).carriedFields(of: decision.fields).spellings,
                            reasons: selected ? [] : reasons))
                }
            }
            return rows
        }
        return try APIJSON.response(rows)
    }

    static let operation = OpenAPIOperation(
        id: "explainPolicy", summary: "Why one subject reaches each collection, or is held back",
        parameters: [
            .query(
                "subject", "a pseudonym, a CRM UID or an email address", ["type": "string", "minLength": 1],
                required: true),
            .query("destination", "only this destination", ["type": "string"]),
        ],
        successSchema: "ExplanationList", errors: [400, 404, 409])
}

/// Why one subject is in or out of one collection.
struct ExplanationJSON: Encodable {
    var subject: String
    var collection: String
    var selected: Bool
    var rules: [String]
    var fields: [String]
    var reasons: [String]
}
