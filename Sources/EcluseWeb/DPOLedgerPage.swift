import EcluseCore
import EcluseHTTP
import EcluseLedger
import EcluseStore
import Foundation

/// The DPO's ledger: entries filtered by destination, action and subject pseudonym, newest
/// first, a page at a time; and the button that verifies the whole chain.
extension WebApp {
    /// How many entries one page shows, and how many a search reads at most to fill it.
    static let ledgerPageSize = 100
    static let ledgerScanLimit = 50_000

    func ledgerPage(_ context: WebContext) throws -> Response {
        let user = try context.user
        let t = context.t
        let request = context.request
        let destination = request.query("destination").flatMap { $0.isEmpty ? nil : $0 }
        let action = request.query("action").flatMap(LedgerAction.init(rawValue:))
        let subject = request.query("subject").map { $0.trimmingCharacters(in: .whitespaces) }.flatMap {
            $0.isEmpty ? nil : $0
        }
        let before = request.query("before").flatMap(Int64.init)
        // A filter that cannot be read is said, not dropped: an unfiltered page would mislead.
        let unreadable =
            (request.query("action").map { !$0.isEmpty && LedgerAction(rawValue: $0) == nil } ?? false)
            || (request.query("before").map { !$0.isEmpty && Int64($0) == nil } ?? false)
        if unreadable {
            let body =
                "<p class=\"error\" role=\"alert\">\(t("This filter cannot be read."))</p>"
                + "<p><a href=\"/dpo/ledger\">\(t("Back to the ledger"))</a></p>"
            return Page(title: t("Ledger"), body: body, session: user, strings: t, status: 400).response
        }
        let (entries, next) = try store.use { store in
            try Self.ledger(in: store, destination: destination, action: action, subject: subject, before: before)
        }

        var body = "<form method=\"get\" action=\"/dpo/ledger\" class=\"filters\">"
        body += select(
            "destination", t("Destination"),
            [("", t("any"))]
                + context.policy.destinations.map {
                    ($0.name, $0.name)
                }, chosen: destination ?? "")
        body += select(
            "action", t("Action"), [("", t("any"))] + LedgerAction.allCases.map { ($0.rawValue, $0.rawValue) },
            chosen: action?.rawValue ?? "")
        body += "<label for=\"subject\">\(t("Subject (pseudonym)"))</label>"
        body += "<input id=\"subject\" name=\"subject\" value=\"\(HTML.escape(subject ?? ""))\">"
        body += "<button type=\"submit\">\(t("Filter"))</button></form>"
        body += "<form method=\"post\" action=\"/dpo/ledger/verify\">\(HTML.csrfField(user))"
        body += "<button type=\"submit\">\(t("Verify the whole ledger"))</button></form>"
        body += entries.isEmpty ? "<p>\(t("No entry matches."))</p>" : ledgerTable(entries, t: t)
        if let next {
            var query = ["before=\(next)"]
            if let destination { query.append("destination=\(HTML.percentEncode(destination))") }
            if let action { query.append("action=\(action.rawValue)") }
            if let subject { query.append("subject=\(HTML.percentEncode(subject))") }
            body +=
                "<p><a href=\"/dpo/ledger?\(HTML.escape(query.joined(separator: "&")))\">\(t("Older entries"))</a></p>"
        }
        return Page(title: t("Ledger"), body: body, session: user, strings: t).response
    }

    /// `POST /dpo/ledger/verify`: walks the whole chain as `ecluse ledger verify` does.
    func verifyLedger(_ context: WebContext) throws -> Response {
        let user = try context.user
        let t = context.t
        let verdict: String = try store.use { store in
            let head = try store.ledgerHead()
            let cursor = LedgerCursor(store: store)
            let result = LedgerVerifier().verify(cursor, head: head)
            if cursor.failure != nil {
                return t("Broken at entry {}: it cannot be read.", "\(cursor.lastSequence + 1)")
            }
            switch result {
            case .broken(let problem):
                return t("Broken at entry {}: ", "\(problem.sequence)") + problem.reason
            case .intact(let entries, let hash):
                let unbacked = try store.copiesWithoutTheirLedgerEntry()
                guard unbacked.isEmpty else {
                    return t("Broken: {} copies have no matching ledger entry.", "\(unbacked.count)")
                }
                return t("Intact: {} entries, head ", "\(entries)") + String(hash.prefix(16))
            }
        }
        let back = "<p><a href=\"/dpo/ledger\">\(t("Back to the ledger"))</a></p>"
        let body = "<p role=\"status\">\(HTML.escape(verdict))</p>" + back
        return Page(title: t("Ledger verification"), body: body, session: user, strings: t).response
    }

    /// The newest entries that match, before entry `before`, and where the next page starts.
    static func ledger(
        in store: SQLiteStore, destination: String?, action: LedgerAction?, subject: String?, before: Int64?
    ) throws -> (entries: [LedgerEntry], next: Int64?) {
        var upTo = min(before.map { $0 - 1 } ?? Int64.max, try store.ledgerHead().sequence)
        var found: [LedgerEntry] = []
        var scanned = 0
        while upTo > 0, found.count < ledgerPageSize, scanned < ledgerScanLimit {
            let from = max(0, upTo - 1_000)
            let page = try store.ledgerEntries(after: from, limit: Int(upTo - from))
            scanned += page.count
            for entry in page.reversed() where found.count < ledgerPageSize {
                if let destination, entry.destination != destination { continue }
                if let action, entry.action != action { continue }
                if let subject, entry.subject != subject { continue }
                found.append(entry)
            }
            upTo = from
        }
        let next = found.count == ledgerPageSize ? found.last?.sequence : (upTo > 0 ? upTo + 1 : nil)
        return (found, next)
    }

    /// Ledger entries as a table: number, time, action, collection, pseudonym, fields.
    func ledgerTable(_ entries: [LedgerEntry], t: Strings) -> String {
        var body = "<table><thead><tr>"
        for heading in ["#", t("Time (UTC)"), t("Action"), t("Destination"), t("Subject"), t("Fields")] {
            body += "<th scope=\"col\">\(HTML.escape(heading))</th>"
        }
        body += "</tr></thead><tbody>"
        for entry in entries {
            let collection = CollectionKey(destination: entry.destination, user: entry.collectionUser)
            let cells = [
                String(entry.sequence), String(LedgerTime.format(entry.recordedAt).prefix(16)),
                entry.action.rawValue, collection.description, entry.subject, entry.fields.joined(separator: ", "),
            ]
            body += "<tr>" + cells.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>"
        }
        return body + "</tbody></table>"
    }

    private func select(_ name: String, _ label: String, _ options: [(String, String)], chosen: String) -> String {
        var html = "<label for=\"\(name)\">\(HTML.escape(label))</label><select id=\"\(name)\" name=\"\(name)\">"
        for (value, text) in options {
            let selected = value == chosen ? " selected" : ""
            html += "<option value=\"\(HTML.escape(value))\"\(selected)>\(HTML.escape(text))</option>"
        }
        return html + "</select>"
    }
}
