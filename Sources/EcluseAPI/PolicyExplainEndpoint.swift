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
            let matches = SubjectExplanation.matches(wanted, in: contacts, pseudonym: pseudonyms.pseudonym(for:))
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
            return try SubjectExplanation.rows(
                for: contact, at: destinations, policy: policy, users: try store.users(),
                attestations: try store.attestations(), context: context, retired: store.retiredSubjects(in:)
            ).map { row in
                ExplanationJSON(
                    subject: pseudonyms.pseudonym(for: contact.id), collection: row.collection.description,
                    selected: row.selected, rules: row.rules, fields: row.fields, reasons: row.reasons)
            }
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
