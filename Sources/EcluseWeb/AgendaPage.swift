import EcluseCore
import EcluseFeeds
import EcluseFormats
import EcluseHTTP
import EcluseLedger
import EcluseLogging
import EcluseStore
import Foundation

/// "My agenda": the user's meetings of the next two weeks, and their calendar feed address.
///
/// Only the address's SHA-256 is kept, so the page cannot show an address made before: it
/// makes a new one on request (the old one stops working), shows it once with its QR code for
/// the phone to scan, and can revoke it. The feed itself is `ecluse serve`'s
/// `/feeds/TOKEN.ics` (see `EcluseFeeds`).
extension WebApp {
    /// How far ahead the agenda lists meetings.
    static let agendaDays = 14

    func agendaPage(_ context: WebContext) throws -> Response {
        let user = try context.user
        let t = context.t
        let now = clock.now()
        let (appointments, tokens) = try store.use { store in
            (try store.appointments(owner: user.login), try store.feedTokens())
        }
        let window = AppointmentCalendar(appointments)
            .occurrences(from: now, to: now.addingTimeInterval(Double(Self.agendaDays) * 86_400))
        var body = "<h2>\(t("The next two weeks"))</h2>"
        if window.isEmpty {
            body += "<p>\(t("No meeting in the next two weeks."))</p>"
        } else {
            body += "<ul class=\"agenda\">"
            for occurrence in window {
                let when = String(LedgerTime.format(occurrence.start.instant).prefix(16)).replacingOccurrences(
                    of: "T", with: " ")
                body += "<li><time>\(HTML.escape(when)) UTC</time> \(HTML.escape(occurrence.appointment.summary))</li>"
            }
            body += "</ul>"
        }
        body += "<h2>\(t("My calendar feed"))</h2>"
        guard context.policy.destinations.contains(where: { $0.kind == .icsFeed }) else {
            body += "<p>\(t("The policy has no calendar feed."))</p>"
            return Page(title: t("My agenda"), body: body, session: user, strings: t).response
        }
        let active = tokens.contains { $0.user == user.login && $0.isActive }
        let status =
            active ? "You have a feed address. Making a new one stops the old one." : "You have no feed address yet."
        body += "<p>\(t(status))</p>"
        body += "<form method=\"post\" action=\"/agenda/feed\">\(HTML.csrfField(user))"
        body += "<button type=\"submit\">\(t("Make a new feed address"))</button></form>"
        if active {
            body += "<form method=\"post\" action=\"/agenda/feed/revoke\">\(HTML.csrfField(user))"
            body += "<button type=\"submit\">\(t("Revoke my feed address"))</button></form>"
        }
        return Page(title: t("My agenda"), body: body, session: user, strings: t).response
    }

    /// `POST /agenda/feed`: a new address, shown once with its QR code.
    func issueFeed(_ context: WebContext) throws -> Response {
        let user = try context.user
        let t = context.t
        guard context.policy.destinations.contains(where: { $0.kind == .icsFeed }) else { return .seeOther("/agenda") }
        let token = FeedTokenText.generate()
        _ = try store.use {
            try $0.issueFeedToken(user: user.login, sha256: FeedTokenText.sha256(token), at: clock.now())
        }
        logger.info("a feed address was made from the web", metadata: ["login": .sensitive(user.login)])
        let address = feedBase(context.request) + "/feeds/\(token).ics"
        var body =
            "<p>\(t("Subscribe your phone's calendar to this address. It is shown once: keep it to yourself."))</p>"
        body += "<p><code class=\"secret\">\(HTML.escape(address))</code></p>"
        if let svg = QRCode(Array(address.utf8))?.svg(title: t("QR code of the feed address")) {
            body += "<figure class=\"qr\">\(svg)</figure>"
        }
        body += "<p><a href=\"/agenda\">\(t("Back to my agenda"))</a></p>"
        return Page(title: t("My calendar feed"), body: body, session: user, strings: t).response
    }

    /// `POST /agenda/feed/revoke`: the address answers 404 from now on.
    func revokeFeed(_ context: WebContext) throws -> Response {
        let user = try context.user
        _ = try store.use { try $0.revokeFeedTokens(user: user.login, at: clock.now()) }
        return .seeOther("/agenda")
    }

    /// `https://host` as the phone reaches the server: the Host the request named, over TLS when
    /// the server is behind a TLS front.
    private func feedBase(_ request: Request) -> String {
        let host = request.headers["Host"].flatMap {
            $0.allSatisfy { $0.isLetter || $0.isNumber || ".-:[]".contains($0) } ? $0 : nil
        }
        return (behindTLS ? "https://" : "http://") + (host ?? "127.0.0.1")
    }
}
