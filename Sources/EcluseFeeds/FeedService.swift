import EcluseCore
import EcluseCrypto
import EcluseFormats
import EcluseLedger
import EcluseLogging
import EcluseStore
import Foundation

/// Builds a user's calendar feed at each request, so that it never serves details past their
/// deadline (promise 4).
///
/// The feed holds the user's appointments under the rules of the policy's `ics-feed`
/// destinations, shaped exactly as a CalDAV copy would be (`EventCopyBuilder`). A destination
/// whose attestations lapsed, or a user whose phone is not attested, gets an empty calendar:
/// nothing new leaves. Each 200 answer is ledgered once per token and hour.
///
/// Opens the store for each request, so it can answer from several threads at once.
public final class FeedService: Sendable {
    private let databasePath: String
    private let policy: @Sendable () throws -> Policy
    private let clock: any Clock
    private let logger: Logger
    private let cache = FeedCache()

    public init(
        databasePath: String, policy: @escaping @Sendable () throws -> Policy, clock: any Clock, logger: Logger
    ) {
        self.databasePath = databasePath
        self.policy = policy
        self.clock = clock
        self.logger = logger
    }

    /// The answer to `GET /feeds/<token>.ics` with the request's conditional headers.
    ///
    /// `sendsBody` is false for a HEAD request: nothing leaves, so nothing is ledgered.
    public func answer(
        token: String, ifNoneMatch: String? = nil, ifModifiedSince: Date? = nil, sendsBody: Bool = true
    ) throws -> FeedAnswer {
        guard FeedTokenText.isWellFormed(token) else { return .notFound }
        let store = try SQLiteStore(path: databasePath)
        defer { store.close() }
        guard let filed = try store.feedToken(sha256: FeedTokenText.sha256(token)), filed.isActive else {
            return .notFound
        }
        let policy = try policy()
        let destinations = policy.destinations.filter { $0.kind == .icsFeed }
        guard !destinations.isEmpty else {
            logger.info("a feed was asked for, but the policy has no ics-feed destination")
            return .notFound
        }
        let now = clock.now()
        let revision = try store.revision()
        let changes = try store.subjectChanges()
        let feed: FeedCache.Entry
        if let cached = cache.entry(
            for: filed.id, revision: revision, subjectChanges: changes, policyVersion: policy.version, at: now)
        {
            feed = cached
        } else {
            feed = try build(filed, destinations, policy, store, now, (revision, changes))
            cache.remember(feed, for: filed.id)
        }
        // If-None-Match compares weakly (RFC 9110 §13.1.2): a `W/` before the tag is ignored.
        if let ifNoneMatch,
            ifNoneMatch.split(separator: ",").contains(where: { tag in
                let tag = tag.trimmed
                return tag == "*" || (tag.hasPrefix("W/") ? tag.dropFirst(2) : tag) == feed.etag
            })
        {
            return .notModified(etag: feed.etag, lastModified: feed.lastModified)
        }
        // A date later than the server's clock is not a valid validator (RFC 9110 §13.1.3): a
        // phone that saw a clock set ahead must still get the feed as it is now.
        if ifNoneMatch == nil, let ifModifiedSince, ifModifiedSince <= now,
            feed.lastModified.timeIntervalSince(ifModifiedSince) < 1
        {
            return .notModified(etag: feed.etag, lastModified: feed.lastModified)
        }
        let hour = String(LedgerTime.format(now).prefix(13))
        if sendsBody, cache.firstServing(of: filed.id, in: hour) {
            try store.recordFeedServed(
                token: filed.id, hour: hour,
                entry: LedgerDraft(
                    recordedAt: now, action: .feedServed,
                    collection: CollectionKey(destination: feed.destination, user: filed.user),
                    subject: "feed-\(filed.id)", copyUID: "", contentHash: feed.contentHash, fields: feed.fields,
                    policyVersion: policy.version))
        }
        return .calendar(body: feed.body, etag: feed.etag, lastModified: feed.lastModified)
    }

    /// Builds the feed of `filed`'s user now, with how long it holds.
    private func build(
        _ filed: FeedToken, _ destinations: [Destination], _ policy: Policy, _ store: SQLiteStore, _ now: Date,
        _ stand: (revision: Int64, subjectChanges: Int64)
    ) throws -> FeedCache.Entry {
        let (copies, deadlines) = try copies(for: filed.user, at: destinations, policy: policy, store: store, now: now)
        let hasher = SHA256Hasher()
        for copy in copies { hasher.update("\(copy.copyUID):\(copy.contentHash)\n") }
        let contentHash = hasher.finalizeHex()
        let lastModified = try store.feedChanged(token: filed.id, contentHash: contentHash, at: now)
        let events = copies.compactMap { copy -> (uid: String, event: EventCopy)? in
            guard case .event(let event) = copy.content else { return nil }
            return (copy.copyUID, event)
        }
        let body = ICalWriter(stamp: lastModified).write(feed: events, calendarName: "Ecluse")
        // Rebuilt at the first deadline, and at least hourly in case a change escaped the counts.
        let validUntil = (deadlines.filter { $0 > now } + [now.addingTimeInterval(3_600)]).min() ?? now
        return FeedCache.Entry(
            revision: stand.revision, subjectChanges: stand.subjectChanges, policyVersion: policy.version,
            validUntil: validUntil, body: Array(body.utf8), etag: "\"\(contentHash.prefix(32))\"",
            contentHash: contentHash, lastModified: lastModified,
            fields: copies.reduce(FieldSet.none) { $0.union($1.fields) }.spellings, destination: destinations[0].name)
    }

    /// The event copies the user's feed holds now, over every `ics-feed` destination that may
    /// serve them.
    private func copies(
        for user: String, at destinations: [Destination], policy: Policy, store: SQLiteStore, now: Date
    ) throws -> (copies: [DesiredCopy], deadlines: [Date]) {
        let appointments = try store.appointments(owner: user)
        let emails = Array(Set(appointments.flatMap(\.attendees)))
        let contacts = try store.contactIDs(matchingAnyEmail: emails).compactMap { try store.contact($0) }
        let context = DecisionContext(
            now: now, appointments: appointments, contacts: contacts, window: policy.appointmentWindow,
            expander: ICalOccurrences())
        let builder = EventCopyBuilder(
            policy: policy, contacts: contacts, context: context, expander: ICalOccurrences())
        let attestations = try store.attestations()
        let devices = try store.deviceAttestations()
        var copies: [DesiredCopy] = []
        // Attestations and phones' attestations that lapse change the feed too.
        var deadlines = attestations.map { LocalDateTime(date: $0.expiresOn).instantInUTC + 86_400 }
        if let preamble = policy.devicePreamble {
            deadlines += devices.map { $0.attestedAt.addingTimeInterval(preamble.validFor.seconds) }
        }
        for destination in destinations {
            let held = [
                Eligibility(of: destination, attestations: attestations, at: now).reason,
                policy.devicePreamble?.holdReason(for: user, attestations: devices, at: now),
            ].compactMap { $0 }
            guard held.isEmpty else {
                logger.info(
                    "a feed is served empty",
                    metadata: ["destination": .plain(destination.name), "reason": .plain(held.joined(separator: "; "))])
                continue
            }
            let key = CollectionKey(destination: destination.name, user: user)
            let built = builder.copies(for: key, of: destination, appointments: appointments)
            copies += built.copies
            deadlines += built.deadlines
        }
        return (copies, deadlines)
    }
}

extension Substring {
    fileprivate var trimmed: Substring {
        Substring(trimmingCharacters(in: .whitespaces))
    }
}
