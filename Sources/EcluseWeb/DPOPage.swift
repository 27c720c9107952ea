import EcluseCore
import EcluseHTTP
import EcluseLedger
import EcluseLogging
import EcluseStore
import Foundation

/// The DPO's and the administrator's page: each destination, what it needs on file, and
/// whether it is eligible now; whose phones are attested; the latest ledger entries, by
/// pseudonym. The full reports come with the reports work.
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
        body += try phones(policy, at: now, t: t)
        body += try latestEntries(t: t)
        return Page(title: t("Destinations"), body: body, session: user, strings: t).response
    }

    /// Each user and whether their phone meets the device preamble now.
    private func phones(_ policy: Policy, at now: Date, t: Strings) throws -> String {
        guard let preamble = policy.devicePreamble else { return "" }
        let (users, devices) = try store.use { store in (try store.users(), try store.deviceAttestations()) }
        var body = "<h2>\(t("Phones"))</h2><table><thead><tr><th scope=\"col\">\(t("User"))</th>"
        body += "<th scope=\"col\">\(t("Status"))</th></tr></thead><tbody>"
        for user in users {
            let status: String
            if preamble.holdReason(for: user.login, attestations: devices, at: now) != nil {
                status = t("no current attestation")
            } else {
                let latest = devices.filter { $0.user == user.login }.map(\.attestedAt).max() ?? now
                let until = latest.addingTimeInterval(preamble.validFor.seconds)
                status = t("attested until {}", String(LedgerTime.format(until).prefix(10)))
            }
            body += "<tr><td>\(HTML.escape(user.login))</td><td>\(HTML.escape(status))</td></tr>"
        }
        return body + "</tbody></table>"
    }

    /// The newest ledger entries, newest first: what left, where, by pseudonym.
    private func latestEntries(t: Strings) throws -> String {
        let entries = try store.use { store in
            let head = try store.ledgerHead()
            return try store.ledgerEntries(
                after: max(0, head.sequence - Int64(Self.latestCount)), limit: Self.latestCount)
        }
        guard !entries.isEmpty else { return "" }
        return "<h2>\(t("Latest ledger entries"))</h2>" + ledgerTable(entries.reversed(), t: t)
    }

    /// How many ledger entries the page shows.
    static let latestCount = 50
}
