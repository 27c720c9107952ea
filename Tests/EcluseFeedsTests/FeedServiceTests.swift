import EcluseCore
import EcluseFeeds
import EcluseFormats
import EcluseLedger
import EcluseLogging
import EcluseStore
import EcluseTesting
import Foundation
import Synchronization
import Testing

/// The calendar feed: details until the deadline, then the event without them; tokens that
/// open nothing once revoked; conditional requests; one ledger entry per token and hour.
@Suite struct FeedServiceTests {
    /// A clock the test moves.
    final class MovableClock: Clock {
        let date: Mutex<Date>
        init(_ date: Date) { self.date = Mutex(date) }
        func now() -> Date { date.withLock { $0 } }
        func move(by seconds: TimeInterval) { date.withLock { $0 += seconds } }
    }

    let folder = TemporaryFolder()
    /// 2026-12-01 08:00 UTC.
    let meeting = Date(timeIntervalSince1970: 1_796_115_600)
    let day: TimeInterval = 86_400

    var policy: Policy {
        Policy(
            purposes: [Purpose(name: "meetings", legalBasis: .legitimateInterest)],
            destinations: [
                Destination(name: "agenda-feed", kind: .icsFeed, scope: .perUser, attestations: ["eu-hosting"])
            ],
            rules: [
                Rule(
                    purpose: "meetings", destination: "agenda-feed",
                    fields: FieldSet(["name", "phone.mobile"].compactMap(FieldPath.init(parsing:))),
                    eraseDetails: Period(days: 90))
            ],
            version: "policy-v1")
    }

    /// A store with one contact, alice, bruno, a meeting of each, and the eu-hosting attestation.
    func store() throws -> SQLiteStore {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        let provenance = Provenance(source: "test", importedAt: Date())
        try store.save(Invented.contact(1), provenance: provenance)
        for (id, owner) in [("a1", "alice"), ("b1", "bruno")] {
            try store.save(User(login: owner))
            try store.save(
                Appointment(
                    id: id, sourceUID: "crm-\(id)", summary: "Visit \(id)", location: "Lyon",
                    start: .dateTime(meeting, timeZone: "Europe/Paris"),
                    end: .dateTime(meeting.addingTimeInterval(3_600), timeZone: "Europe/Paris"),
                    attendees: ["person1@example.org"], owner: owner),
                provenance: provenance)
        }
        try store.add(
            Attestation(
                destination: "agenda-feed", kind: "eu-hosting", reference: "contract-1", documentSHA256: "00",
                issuer: "Hosting SAS", expiresOn: CalendarDate(year: 2030, month: 1, day: 1), addedAt: Date()))
        return store
    }

    func service(_ clock: MovableClock) -> FeedService {
        let policy = self.policy
        return FeedService(
            databasePath: folder.file("ecluse.sqlite"), policy: { policy }, clock: clock,
            logger: Logger(label: "test", sink: .capturing()))
    }

    func issue(_ store: SQLiteStore, for user: String = "alice") throws -> String {
        let token = FeedTokenText.generate()
        _ = try store.issueFeedToken(user: user, sha256: FeedTokenText.sha256(token), at: meeting)
        return token
    }

    func body(_ answer: FeedAnswer) throws -> String {
        guard case .calendar(let body, _, _) = answer else {
            Issue.record("expected a calendar, got \(answer)")
            throw CancellationError()
        }
        return String(decoding: body, as: UTF8.self)
    }

    @Test func theDetailsAreServedUntilTheDeadlineAndNeverAfter() throws {
        let store = try store()
        let token = try issue(store)
        let clock = MovableClock(meeting.addingTimeInterval(-day))
        let feeds = service(clock)

        let before = try body(try feeds.answer(token: token))
        #expect(try PythonICalendar.events(in: before) == ["Visit a1|details"])
        #expect(before.contains("+33 6 00 00 00 01") && !before.contains("+33 1 00 00 00 01"))
        #expect(!before.contains("Visit b1"))

        clock.move(by: day + 3_600 + 90 * day - 1)
        #expect(try PythonICalendar.events(in: try body(try feeds.answer(token: token))) == ["Visit a1|details"])
        clock.move(by: 1)
        let after = try body(try feeds.answer(token: token))
        #expect(try PythonICalendar.events(in: after) == ["Visit a1|-"])
        #expect(!after.contains("+33 6"))
    }

    @Test func revokedGuessedAndMalformedTokensAreAllNotFound() throws {
        let store = try store()
        let token = try issue(store)
        let feeds = service(MovableClock(meeting))
        _ = try body(try feeds.answer(token: token))
        let newer = try issue(store)
        #expect(try feeds.answer(token: token) == .notFound)
        _ = try body(try feeds.answer(token: newer))
        try store.revokeFeedTokens(user: "alice", at: meeting)
        #expect(try feeds.answer(token: newer) == .notFound)
        #expect(try feeds.answer(token: FeedTokenText.generate()) == .notFound)
        #expect(try feeds.answer(token: "../../etc/passwd") == .notFound)
        #expect(try feeds.answer(token: "") == .notFound)
    }

    @Test func conditionalRequestsAreAnsweredNotModifiedUntilTheFeedChanges() throws {
        let store = try store()
        let token = try issue(store)
        let clock = MovableClock(meeting)
        let feeds = service(clock)
        guard case .calendar(let first, let etag, let modified) = try feeds.answer(token: token) else {
            Issue.record("no calendar")
            return
        }
        clock.move(by: 3_600)
        guard case .calendar(let again, _, _) = try feeds.answer(token: token) else { return }
        #expect(again == first, "the same content must give the same bytes")
        #expect(try feeds.answer(token: token, ifNoneMatch: etag) == .notModified(etag: etag, lastModified: modified))
        #expect(
            try feeds.answer(token: token, ifModifiedSince: modified)
                == .notModified(etag: etag, lastModified: modified))
        // A weak tag matches; a date ahead of the server's clock is no validator at all.
        #expect(
            try feeds.answer(token: token, ifNoneMatch: "W/" + etag) == .notModified(etag: etag, lastModified: modified)
        )
        guard case .calendar = try feeds.answer(token: token, ifModifiedSince: clock.now().addingTimeInterval(86_400))
        else {
            Issue.record("a date in the future was taken as a validator")
            return
        }
        // At the deadline the content changes: a new tag, a later Last-Modified, the full feed.
        clock.move(by: 91 * day)
        guard case .calendar(_, let newTag, let newModified) = try feeds.answer(token: token, ifNoneMatch: etag) else {
            Issue.record("the changed feed was not served")
            return
        }
        #expect(newTag != etag && newModified > modified)
    }

    @Test func eachTokenIsLedgeredOncePerHour() throws {
        let store = try store()
        let token = try issue(store)
        let clock = MovableClock(meeting)
        let feeds = service(clock)
        for _ in 0..<3 { _ = try feeds.answer(token: token) }
        clock.move(by: 3_600)
        _ = try feeds.answer(token: token)
        let entries = try store.ledgerEntries(after: 0, limit: 10)
        #expect(entries.map(\.action) == [.feedServed, .feedServed])
        #expect(entries.allSatisfy { $0.destination == "agenda-feed" && $0.collectionUser == "alice" })
        #expect(entries[0].fields == ["name", "phone.mobile"] && !entries[0].subject.contains("alice"))
    }

    @Test func aChangeInTheStoreReachesTheNextAnswer() throws {
        let store = try store()
        let token = try issue(store)
        let feeds = service(MovableClock(meeting))
        #expect(try PythonICalendar.events(in: try body(try feeds.answer(token: token))) == ["Visit a1|details"])
        // A new meeting, and the contact's consent withdrawn: both show at once.
        try store.save(
            Appointment(
                id: "a2", sourceUID: "crm-a2", summary: "Second visit", start: .dateTime(meeting, timeZone: nil),
                end: .dateTime(meeting.addingTimeInterval(3_600), timeZone: nil), attendees: ["person1@example.org"],
                owner: "alice"),
            provenance: Provenance(source: "test", importedAt: Date()))
        var withdrawn = Invented.contact(1)
        withdrawn.consent = .withdrawn
        try store.save(withdrawn, provenance: Provenance(source: "test", importedAt: Date()))
        let events = try PythonICalendar.events(in: try body(try feeds.answer(token: token))).sorted()
        #expect(events == ["Second visit|-", "Visit a1|-"])
    }

    @Test func withoutItsAttestationTheFeedIsEmpty() throws {
        let store = try store()
        let token = try issue(store)
        let feeds = service(MovableClock(Date(timeIntervalSince1970: 1_900_000_000)))  // 2030-03
        let body = try body(try feeds.answer(token: token))
        #expect(!body.contains("BEGIN:VEVENT") && body.contains("BEGIN:VCALENDAR"))
    }
}

/// Python's icalendar package, as an independent reader of what Ecluse serves.
enum PythonICalendar {
    /// `SUMMARY|details` or `SUMMARY|-` per VEVENT.
    static func events(in body: String) throws -> [String] {
        let script = """
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
            for e in cal.walk("VEVENT"):
                print(str(e["SUMMARY"]) + "|" + ("details" if "DESCRIPTION" in e else "-"))
            """
        let (status, output) = try Python.run(script, input: Data(body.utf8))
        #expect(status == 0)
        return output.split(separator: "\n").map(String.init)
    }
}
