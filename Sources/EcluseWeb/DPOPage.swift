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
        let now = clock.now()
        let attestations = try store.use { try $0.attestations() }
        var body = "<p>Policy version <code>\(HTML.escape(String(policy.version.prefix(12))))</code>.</p>"
        body += "<table><thead><tr><th scope=\"col\">Destination</th><th scope=\"col\">Attestations</th>"
        body += "<th scope=\"col\">Status</th></tr></thead><tbody>"
        for destination in policy.destinations {
            let onFile = attestations.filter { $0.destination == destination.name }
            let required = destination.attestations.map { kind -> String in
                let expiries = onFile.filter { $0.kind == kind }.map(\.expiresOn.description).sorted()
                let until = expiries.last.map { " (until \($0))" } ?? " (none on file)"
                return HTML.escape(kind + until)
            }
            let eligibility = Eligibility(of: destination, attestations: attestations, at: now)
            var status = eligibility.reason.map { HTML.escape($0) } ?? "eligible"
            if let flag = destination.residency.flag { status += "<br>\(HTML.escape(flag))" }
            body += "<tr><td>\(HTML.escape(destination.name))<br><span class=\"muted\">"
            body += "\(HTML.escape(destination.kind.rawValue)), \(HTML.escape(destination.scope.rawValue))</span></td>"
            body += "<td>\(required.isEmpty ? "none required" : required.joined(separator: "<br>"))</td>"
            body += "<td>\(status)</td></tr>"
        }
        body += "</tbody></table>"
        return Page(title: "Destinations", body: body, session: user).response
    }
}
