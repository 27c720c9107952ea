import EcluseCore
import EcluseHTTP
import EcluseLogging
import EcluseStore
import Foundation

/// The DPO's and the administrator's page: each destination, what it needs on file, and
/// whether it is eligible now. The full reports come with the reports work.
extension WebApp {
    func destinationsPage(_ context: WebContext) throws -> Response {
        let user = try context.user
        let t = context.t
        let now = clock.now()
        let attestations = try store.use { try $0.attestations() }
        let policy = context.policy
        let version = "<code>\(HTML.escape(String(policy.version.prefix(12))))</code>"
        var body = "<p>\(t("Policy version {}.", version))</p>"
        body += "<table><thead><tr><th scope=\"col\">\(t("Destination"))</th>"
        body += "<th scope=\"col\">\(t("Attestations"))</th><th scope=\"col\">\(t("Status"))</th></tr></thead><tbody>"
        for destination in policy.destinations {
            let onFile = attestations.filter { $0.destination == destination.name }
            let required = destination.attestations.map { kind -> String in
                let expiries = onFile.filter { $0.kind == kind }.map(\.expiresOn.description).sorted()
                let until = " (" + (expiries.last.map { t("until {}", $0) } ?? t("none on file")) + ")"
                return HTML.escape(kind + until)
            }
            let eligibility = Eligibility(of: destination, attestations: attestations, at: now)
            // The reasons come from EcluseCore in English: translating them is a known gap.
            var status = eligibility.reason.map { HTML.escape($0) } ?? t("eligible")
            if let flag = destination.residency.flag { status += "<br>\(HTML.escape(flag))" }
            body += "<tr><td>\(HTML.escape(destination.name))<br><span class=\"muted\">"
            body += "\(HTML.escape(destination.kind.rawValue)), \(HTML.escape(destination.scope.rawValue))</span></td>"
            body += "<td>\(required.isEmpty ? t("none required") : required.joined(separator: "<br>"))</td>"
            body += "<td>\(status)</td></tr>"
        }
        body += "</tbody></table>"
        return Page(title: t("Destinations"), body: body, session: user, strings: t).response
    }
}
