import EcluseCore
import EcluseFormats
import EcluseHTTP
import EcluseLedger
import EcluseStore
import Foundation

/// The policy as the DPO reviews it: its text and version, and for a subject (named by
/// pseudonym, CRM UID or email) what each destination receives and why, as
/// `ecluse policy explain` says it.
extension WebApp {
    func policyPage(_ context: WebContext) throws -> Response {
        let user = try context.user
        let t = context.t
        let policy = context.policy
        let wanted = (context.request.query("subject") ?? "").trimmingCharacters(in: .whitespaces)
        var body = "<p>\(t("Policy version {}.", "<code>\(HTML.escape(String(policy.version.prefix(12))))</code>"))</p>"
        body += "<form method=\"get\" action=\"/dpo/policy\"><label for=\"subject\">"
        body += "\(t("Explain for a subject (pseudonym, CRM UID or email)"))</label>"
        body += "<input id=\"subject\" name=\"subject\" value=\"\(HTML.escape(wanted))\">"
        body += "<button type=\"submit\">\(t("Explain"))</button></form>"
        if !wanted.isEmpty { body += try explanation(of: wanted, policy: policy, t: t) }
        body += "<h2>\(t("The policy file"))</h2><pre>\(HTML.escape(context.policyText))</pre>"
        body += "<h2>\(t("Try a change"))</h2><form method=\"post\" action=\"/dpo/policy/diff\">"
        body += HTML.csrfField(user) + "<label for=\"proposal\">\(t("A proposed policy (nothing is applied)"))</label>"
        body += "<textarea id=\"proposal\" name=\"proposal\" rows=\"16\">\(HTML.escape(context.policyText))</textarea>"
        body += "<button type=\"submit\">\(t("Show what would change"))</button></form>"
        return Page(title: t("Policy"), body: body, session: user, strings: t).response
    }

    /// One line per collection: in (by which rules, which fields, until when) or out (why).
    private func explanation(of wanted: String, policy: Policy, t: Strings) throws -> String {
        let now = clock.now()
        var ambiguous: [String] = []
        let found: (String, [SubjectExplanation.Row])? = try store.use { store in
            let pseudonyms = Pseudonymizer(key: try store.pseudonymKey())
            let contacts = try store.allContacts()
            let matches = SubjectExplanation.matches(wanted, in: contacts, pseudonym: pseudonyms.pseudonym(for:))
            // Several subjects can share an email: explaining one would mislead.
            guard matches.count == 1, let contact = matches.first else {
                ambiguous = matches.map { pseudonyms.pseudonym(for: $0.id) }.sorted()
                return nil
            }
            let context = DecisionContext(
                now: now, appointments: try store.appointments(owner: nil), contacts: contacts,
                window: policy.appointmentWindow, expander: ICalOccurrences())
            let rows = try SubjectExplanation.rows(
                for: contact, at: policy.destinations, policy: policy, users: try store.users(),
                attestations: try store.attestations(), context: context, retired: store.retiredSubjects(in:))
            return (pseudonyms.pseudonym(for: contact.id), rows)
        }
        // The same answer for a subject that does not exist and one the caller mistyped.
        guard let (pseudonym, rows) = found else {
            guard ambiguous.count > 1 else { return "<p role=\"status\">\(t("No subject matches."))</p>" }
            return "<p role=\"status\">"
                + t("{} subjects match: explain each by its pseudonym.", "\(ambiguous.count)") + " "
                + HTML.escape(ambiguous.joined(separator: ", ")) + "</p>"
        }
        var cells = ""
        for row in rows {
            var text: String
            if row.selected {
                text = t("in, by {}", row.rules.joined(separator: "; "))
                text += "; " + t("fields {}", row.fields.joined(separator: ", "))
                if let erase = row.eraseDetails {
                    text += "; " + t("details erased {} after each meeting", erase.description)
                }
            } else {
                text = t("out: {}", row.reasons.joined(separator: "; "))
            }
            cells += "<tr><td>\(HTML.escape(row.collection.description))</td><td>\(HTML.escape(text))</td></tr>"
        }
        let head = "<tr><th scope=\"col\">\(t("Collection"))</th><th scope=\"col\">\(t("Decision"))</th></tr>"
        return "<h2>\(t("Subject {}", HTML.escape(pseudonym)))</h2>"
            + "<table><thead>\(head)</thead><tbody>\(cells)</tbody></table>"
    }
}
