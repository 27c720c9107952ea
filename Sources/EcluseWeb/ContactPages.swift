import EcluseCore
import EcluseHTTP
import EcluseLedger
import EcluseLogging
import EcluseStore
import Foundation

/// A salesperson's contacts: the list with its search, and one contact's card.
extension WebApp {
    /// How many contacts the list shows at most; the search narrows it.
    static let listLimit = 200

    func contactList(_ context: WebContext) throws -> Response {
        let user = try context.user
        let t = context.t
        let query = (context.request.query("q") ?? "").trimmingCharacters(in: .whitespaces)
        let now = clock.now()
        let owned = try store.use { try $0.contacts(ownedBy: user.login, limit: 5_000) }
        let lens = context.lens
        let decision = try decisionContext(lens, login: user.login, contacts: owned, at: now)
        let views = owned.compactMap { lens.view(of: $0, for: user.login, in: decision) }
            .filter { query.isEmpty || Self.matches($0.contact, query) }
            .prefix(Self.listLimit)

        var body = """
            <form method="get" action="/contacts" role="search">
            <label for="q">\(t("Search by name or organisation"))</label>
            <input type="search" id="q" name="q" value="\(HTML.escape(query))">
            <div class="actions"><button type="submit">\(t("Search"))</button></div>
            </form>
            """
        if lens.downloadDestinations.isEmpty {
            body +=
                "<p class=\"notice\">\(t("No download is configured in the policy: names and organisations only."))</p>"
        }
        if views.isEmpty {
            body += "<p>\(t(query.isEmpty ? "You have no contacts here." : "No contact matches this search."))</p>"
        } else {
            body += list(Array(views), user: user, t: t)
        }
        return Page(title: t("My contacts"), body: body, session: user, strings: t).response
    }

    /// The contacts as links; when some may be downloaded, a form to take the chosen few in
    /// one file, for one purpose.
    private func list(_ views: [ContactLens.View], user: Session, t: Strings) -> String {
        var keys: [String] = []
        var options = ""
        for permit in views.flatMap(\.permits) where !keys.contains(permit.key) {
            keys.append(permit.key)
            let label = permit.purpose.description.isEmpty ? permit.purpose.name : permit.purpose.description
            options += "<option value=\"\(HTML.escape(permit.key))\">\(HTML.escape(label))</option>"
        }
        var body = keys.isEmpty ? "" : "<form method=\"post\" action=\"/contacts/vcard\">\(HTML.csrfField(user))"
        body += "<ul class=\"list\">"
        for view in views {
            let id = HTML.percentEncode(view.contact.id.rawValue)
            let name = HTML.escape(view.contact.displayName)
            let organisation = view.contact.organisation.map {
                " <span class=\"muted\">· \(HTML.escape($0.name))</span>"
            }
            body += "<li>"
            if !view.permits.isEmpty {
                let value = HTML.escape(view.contact.id.rawValue)
                let label = HTML.escape(t("Choose {}", view.contact.displayName))
                body += "<label class=\"pick\"><input type=\"checkbox\" name=\"id\" value=\"\(value)\">"
                body += "<span class=\"visually-hidden\">\(label)</span></label>"
            }
            body += "<a href=\"/contacts/\(id)\">\(name)\(organisation ?? "")</a></li>"
        }
        body += "</ul>"
        guard !keys.isEmpty else { return body }
        return body + """
            <label for="purpose">\(t("Add the chosen contacts to my phone, for:"))</label>
            <select id="purpose" name="purpose">\(options)</select>
            <div class="actions"><button type="submit">\(t("Download the chosen cards"))</button></div>
            <p class="muted">\(t("Each download is recorded."))</p>
            </form>
            """
    }

    func contactCard(_ context: WebContext) throws -> Response {
        let user = try context.user
        let t = context.t
        let view = try visibleContact(context, user)
        let contact = view.contact
        let calls = try store.use { try $0.calls(to: contact.id, limit: 5) }.filter { $0.login == user.login }
        let path = "/contacts/\(HTML.percentEncode(contact.id.rawValue))"

        var body = "<dl>"
        if let organisation = contact.organisation {
            body += "<dt>\(t("Organisation"))</dt><dd>\(HTML.escape(organisation.name))</dd>"
        }
        if let title = contact.title, !title.isEmpty { body += "<dt>\(t("Title"))</dt><dd>\(HTML.escape(title))</dd>" }
        for phone in contact.phones {
            let kinds = phone.kinds.map { t($0.rawValue) }.sorted().joined(separator: ", ")
            let number = phone.value.filter { $0.isNumber || $0 == "+" }
            body += "<dt>\(HTML.escape(t("Phone {}", kinds)))</dt>"
            body += "<dd><a href=\"tel:\(HTML.escape(number))\">\(HTML.escape(phone.value))</a></dd>"
        }
        for email in contact.emails {
            let kinds = email.kinds.map { t($0.rawValue) }.sorted().joined(separator: ", ")
            body += "<dt>\(HTML.escape(t("Email {}", kinds)))</dt>"
            body += "<dd><a href=\"mailto:\(HTML.escape(email.value))\">\(HTML.escape(email.value))</a></dd>"
        }
        body += "</dl>"

        body += """
            <h2>\(t("Calls"))</h2>
            <form method="post" action="\(path)/calls">\(HTML.csrfField(user))
            <div class="actions"><button type="submit" class="secondary">\(t("I called"))</button></div></form>
            """
        if let last = calls.first {
            let when = LedgerTime.format(last.calledAt).prefix(16).replacingOccurrences(of: "T", with: " ")
            body += "<p class=\"muted\">\(t("Your last noted call: {} UTC", when))</p>"
        }
        body += addToPhoneForm(view, path: path, user: user, t: t)
        return Page(title: contact.displayName, body: body, session: user, strings: t).response
    }

    func noteCall(_ context: WebContext) throws -> Response {
        let user = try context.user
        let view = try visibleContact(context, user)
        let call = CallNote(subject: view.contact.id, login: user.login, calledAt: clock.now())
        try store.use { try $0.add(call) }
        return .seeOther("/contacts/\(HTML.percentEncode(view.contact.id.rawValue))")
    }

    /// The contact of the route's `{id}` as the user may see it. A contact the user may not
    /// see is a 404, like one that does not exist: the answer does not tell them apart.
    func visibleContact(_ context: WebContext, _ user: Session) throws -> ContactLens.View {
        let id = SubjectID(context.request.parameters["id"] ?? "")
        let contact = try store.use { try $0.contact(id) }
        let lens = context.lens
        let decision = try decisionContext(
            lens, login: user.login, contacts: contact.map { [$0] } ?? [], at: clock.now())
        guard let contact, let view = lens.view(of: contact, for: user.login, in: decision) else {
            throw WebRefusal(404, "This page does not exist.")
        }
        return view
    }

    /// The time and, when a download rule selects by appointments, the user's appointments
    /// with `contacts`.
    func decisionContext(
        _ lens: ContactLens, login: String, contacts: [Contact], at now: Date
    ) throws -> DecisionContext {
        guard lens.needsAppointments else { return DecisionContext(now: now) }
        let appointments = try store.use { try $0.appointments(owner: login) }
        return DecisionContext(now: now, appointments: appointments, contacts: contacts)
    }

    private func addToPhoneForm(_ view: ContactLens.View, path: String, user: Session, t: Strings) -> String {
        guard !view.permits.isEmpty else {
            return "<h2>\(t("Add to my phone"))</h2>"
                + "<p class=\"muted\">\(t("The policy allows no download of this contact."))</p>"
        }
        var options = ""
        for permit in view.permits {
            let value = permit.key
            let label = permit.purpose.description.isEmpty ? permit.purpose.name : permit.purpose.description
            options += "<option value=\"\(HTML.escape(value))\">\(HTML.escape(label))</option>"
        }
        return """
            <h2>\(t("Add to my phone"))</h2>
            <form method="post" action="\(path)/vcard">\(HTML.csrfField(user))
            <label for="purpose">\(t("What do you need it for?"))</label>
            <select id="purpose" name="purpose">\(options)</select>
            <div class="actions">
            <button type="submit">\(t("Download the card"))</button>
            <button type="submit" class="secondary" formaction="\(path)/qr">\(t("Show a QR code"))</button>
            </div>
            <p class="muted">\(t("Each download is recorded."))</p>
            </form>
            """
    }

    private static func matches(_ contact: Contact, _ query: String) -> Bool {
        let needle = query.lowercased()
        return contact.displayName.lowercased().contains(needle)
            || (contact.organisation?.name.lowercased().contains(needle) ?? false)
    }
}
