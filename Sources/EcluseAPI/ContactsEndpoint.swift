import EcluseCore
import EcluseHTTP
import EcluseStore

/// `GET /api/v1/contacts` and `GET /api/v1/contacts/{id}`: admin and dpo see every contact,
/// sales only their own.
struct ContactsEndpoint: Sendable {
    let service: APIService

    func list(_ request: Request, _ caller: APICaller) throws -> Response {
        let query = APIQuery(request: request)
        let (limit, offset) = try query.page()
        let page = try service.withStore { store in
            try store.contactPage(matching: query.text("q"), owner: caller.ownerFilter, limit: limit, offset: offset)
        }
        return try APIJSON.response(
            ContactPageJSON(items: page.contacts.map(ContactJSON.init), total: page.total, limit: limit, offset: offset)
        )
    }

    /// A contact the caller may not see is a 404, like one that does not exist: a 403 would
    /// tell a salesperson that the id is someone's.
    func one(_ request: Request, _ caller: APICaller) throws -> Response {
        let id = SubjectID(request.parameters["id"] ?? "")
        let entry = try service.withStore { store -> ContactAnswerCache.Entry? in
            let version = try store.subjectChangeCounter()
            return try service.contactAnswers.entry(for: id.rawValue, version: version) {
                guard let contact = try store.contact(id) else { return nil }
                return .init(version: version, owner: contact.owner, answer: try APIJSON.encode(ContactJSON(contact)))
            }
        }
        guard let entry, caller.ownerFilter == nil || entry.owner == caller.ownerFilter else {
            throw APIProblems.notFound("contact")
        }
        return APIJSON.response(encoded: entry.answer)
    }

    static let listOperation = OpenAPIOperation(
        id: "listContacts", summary: "List or search contacts (sales: their own)",
        parameters: [
            .query("q", "only contacts whose name, organisation, email or phone contains this", ["type": "string"]),
            OpenAPIOperation.limit, OpenAPIOperation.offset,
        ],
        successSchema: "ContactPage", errors: [400])

    static let oneOperation = OpenAPIOperation(
        id: "getContact", summary: "One contact; 404 when it does not exist or is not the caller's",
        parameters: [.path("id", "Ecluse's id of the contact")], successSchema: "Contact", errors: [404])
}
