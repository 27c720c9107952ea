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

    public init(
        databasePath: String, policy: @escaping @Sendable () throws -> Policy, clock: any Clock, logger: Logger
    ) {
        self.databasePath = databasePath
        self.policy = policy
        self.clock = clock
        self.logger = logger
    }

    /// The answer to `GET /feeds/<token>.ics` with the request's conditional headers.
    public func answer(token: String, ifNoneMatch: String? = nil, ifModifiedSince: Date? = nil) throws -> FeedAnswer {
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
        let copies = try copies(for: filed.user, at: destinations, policy: policy, store: store, now: now)

        let hasher = SHA256Hasher()
        for copy in copies { hasher.update("\(copy.copyUID):\(copy.contentHash)\n") }
        let contentHash = hasher.finalizeHex()
        let etag = "\"\(contentHash.prefix(32))\""
        let lastModified = try store.feedChanged(token: filed.id, contentHash: contentHash, at: now)
        if let ifNoneMatch,
            ifNoneMatch.split(separator: ",").contains(where: { $0.trimmed == etag || $0.trimmed == "*" })
        {
            return .notModified(etag: etag, lastModified: lastModified)
        }
        if ifNoneMatch == nil, let ifModifiedSince, lastModified.timeIntervalSince(ifModifiedSince) < 1 {
            return .notModified(etag: etag, lastModified: lastModified)
        }
        let events = copies.compactMap { copy -> (uid: String, event: EventCopy)? in
            guard case .event(let event) = copy.content else { return nil }
            return (copy.copyUID, event)
        }
        let body = ICalWriter(stamp: lastModified).write(feed: events, calendarName: "Ecluse")
        let fields = copies.reduce(FieldSet.none) { $0.union($1.fields) }
        try store.recordFeedServed(
            token: filed.id, hour: String(LedgerTime.format(now).prefix(13)),
            entry: LedgerDraft(
                recordedAt: now, action: .feedServed,
                collection: CollectionKey(destination: destinations[0].name, user: filed.user),
                subject: "feed-\(filed.id)", copyUID: "", contentHash: contentHash, fields: fields.spellings,
                policyVersion: policy.version))
        return .calendar(body: Array(body.utf8), etag: etag, lastModified: lastModified)
    }

    /// The event copies the user's feed holds now, over every `ics-feed` destination that may
    /// serve them.
    private func copies(
        for user: String, at destinations: [Destination], policy: Policy, store: SQLiteStore, now: Date
    ) throws -> [DesiredCopy] {
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
            copies += builder.copies(for: key, of: destination, appointments: appointments).copies
        }
        return copies
    }
}

extension Substring {
    fileprivate var trimmed: Substring {
        Substring(trimmingCharacters(in: .whitespaces))
    }
}
