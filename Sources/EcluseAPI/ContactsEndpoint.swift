import EcluseCore
import EcluseHTTP
import EcluseStore

/// `GET /api/v1/contacts` and `GET /api/v1/contacts/{id}`: admin and dpo see every contact,
/// sales only their own, and only as the web app shows them (`ContactLens`): selected by a
/// download rule for them, minimised to its fields, never a subject who withdrew consent.
struct ContactsEndpoint: Sendable {
    let service: APIService

    func list(_ request: Request, _ caller: APICaller) throws -> Response {
        let query = APIQuery(request: request)
        let (limit, offset) = try query.page()
        if caller.role == .sales {
            let lens = ContactLens(policy: try service.policy())
            let views = try service.withStore { store in
                let own = try store.contactPage(
                    matching: query.text("q"), owner: caller.login, limit: Self.ownLimit, offset: 0)
                let context = try decisionContext(lens, caller, own.contacts, store)
                return own.contacts.compactMap { lens.view(of: $0, for: caller.login, in: context)?.contact }
            }
            let items = views.dropFirst(offset).prefix(limit).map(ContactJSON.init)
            return try APIJSON.response(
                ContactPageJSON(items: Array(items), total: views.count, limit: limit, offset: offset))
        }
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
        if caller.role == .sales {
            let lens = ContactLens(policy: try service.policy())
            let view = try service.withStore { store -> Contact? in
                guard let contact = try store.contact(id) else { return nil }
                let context = try decisionContext(lens, caller, [contact], store)
                return lens.view(of: contact, for: caller.login, in: context)?.contact
            }
            guard let view else { throw APIProblems.notFound("contact") }
            return try APIJSON.response(ContactJSON(view))
        }
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

    /// A salesperson's own contacts are decided in full before a page is cut from them.
    static let ownLimit = 100_000

    /// The time and, when a download rule selects by appointments, the caller's appointments.
    private func decisionContext(
        _ lens: ContactLens, _ caller: APICaller, _ contacts: [Contact], _ store: SQLiteStore
    ) throws -> DecisionContext {
        let now = service.clock.now()
        guard lens.needsAppointments else { return DecisionContext(now: now) }
        return DecisionContext(now: now, appointments: try store.appointments(owner: caller.login), contacts: contacts)
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
