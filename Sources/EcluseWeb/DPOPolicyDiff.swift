import EcluseCore
import EcluseFormats
import EcluseHTTP
import EcluseLedger
import EcluseStore
import Foundation

/// `POST /dpo/policy/diff`: what a proposed policy would change, per destination, before
/// anything is applied, as `ecluse policy diff` says it. The proposal is only read, never
/// kept or put in force; its problems are listed with their line and column.
extension WebApp {
    func policyDiff(_ context: WebContext) throws -> Response {
        let user = try context.user
        let t = context.t
        let text = context.form["proposal"] ?? ""
        var body = "<p><a href=\"/dpo/policy\">\(t("Back to the policy"))</a></p>"
        let proposal: Policy
        do {
            proposal = try PolicyLoader().load(Array(text.utf8), file: "proposal.yaml")
        } catch {
            body += "<p class=\"error\" role=\"alert\">\(t("The proposal does not load:"))</p><ul>"
            for problem in error.problems { body += "<li>\(HTML.escape(problem.description))</li>" }
            body += "</ul>"
            return Page(title: t("Policy diff"), body: body, session: user, strings: t, status: 422).response
        }
        let current = context.policy
        let diff: PolicyDiff = try store.use { store in
            let contacts = try store.allContacts()
            let users = try store.users()
            let appointments = try store.appointments(owner: nil)
            let decision = DecisionContext(
                now: clock.now(), appointments: appointments, contacts: contacts,
                window: current.appointmentWindow ?? proposal.appointmentWindow, expander: ICalOccurrences())
            func state(_ policy: Policy) -> DesiredState {
                DesiredState(
                    policy: policy, contacts: contacts, users: users, context: decision, appointments: appointments,
                    expander: ICalOccurrences())
            }
            let pseudonyms = Pseudonymizer(key: try store.pseudonymKey())
            return PolicyDiff(old: state(current), new: state(proposal), pseudonym: pseudonyms.pseudonym(for:))
        }
        body += "<table><thead><tr><th scope=\"col\">\(t("Destination"))</th>"
        body += "<th scope=\"col\">\(t("What would change"))</th></tr></thead><tbody>"
        for change in diff.destinations {
            var lines: [String] = []
            if change.isEmpty && change.fieldsStarting.isEmpty && change.fieldsStopping.isEmpty {
                lines.append(t("no change"))
            } else {
                lines.append(
                    t("{} copies start", "\(change.starting)") + ", " + t("{} stop", "\(change.stopping)") + ", "
                        + t("{} change", "\(change.changing)"))
                if !change.fieldsStarting.isEmpty {
                    lines.append(t("fields that start leaving: {}", change.fieldsStarting.joined(separator: ", ")))
                }
                if !change.fieldsStopping.isEmpty {
                    lines.append(t("fields that stop leaving: {}", change.fieldsStopping.joined(separator: ", ")))
                }
                if !change.examplesStarting.isEmpty {
                    lines.append(t("for example {}", change.examplesStarting.joined(separator: ", ")))
                }
            }
            body += "<tr><td>\(HTML.escape(change.destination))</td><td>"
            body += lines.map(HTML.escape).joined(separator: "<br>") + "</td></tr>"
        }
        body += "</tbody></table>"
        return Page(title: t("Policy diff"), body: body, session: user, strings: t).response
    }
}
