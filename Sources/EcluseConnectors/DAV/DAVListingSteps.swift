import EcluseCore

/// The steps of listing a CardDAV or CalDAV collection's items, as a value that takes what the
/// server answered and says what to ask next, so every path is tested without a network.
///
/// - With `sync-collection` (RFC 6578) in the collection's `supported-report-set`, it asks for
///   the changes since the saved token: changed items take their new etag, removed ones go,
///   the others keep the etag recorded. A truncated answer (a 507 for the collection, §3.6) is
///   followed with the token it gave until complete. A token the server no longer accepts (the
///   `DAV:valid-sync-token` precondition, §3.2) starts over with an empty token; a server that
///   refuses even that is listed with PROPFIND.
/// - Without it, a collection tag (`getctag`, or `DAV:sync-token` read as a property) equal to
///   the saved one means nothing changed: the known items are the listing, with no request.
/// - Otherwise, and whenever in doubt, PROPFIND Depth 1 lists every member.
///
/// The token or tag kept after a PROPFIND is the one read before it, so a change made while
/// listing shows again next time rather than never.
struct DAVListingSteps {
    /// What one PROPFIND Depth 0 says about the collection before listing.
    struct Facts: Equatable {
        var supportsSyncCollection = false
        /// `DAV:sync-token` as a property of the collection (RFC 6578 §4).
        var syncToken: String?
        var ctag: String?

        /// A value that changes whenever a member does, if the server gives one.
        var tag: String? { syncToken ?? ctag }
    }

    /// What a listing leaves for the next one, kept as text in the store.
    enum Saved: Equatable {
        /// A token for the next sync-collection REPORT.
        case syncToken(String)
        /// The collection tag when the listing was made.
        case tag(String)

        init?(text: String) {
            if text.hasPrefix("sync-token ") {
                self = .syncToken(String(text.dropFirst("sync-token ".count)))
            } else if text.hasPrefix("tag ") {
                self = .tag(String(text.dropFirst("tag ".count)))
            } else {
                return nil
            }
        }

        var text: String {
            switch self {
            case .syncToken(let token): "sync-token " + token
            case .tag(let tag): "tag " + tag
            }
        }
    }

    enum Action: Equatable {
        /// Send a sync-collection REPORT with this token (empty: every member).
        case report(token: String)
        /// List every member with PROPFIND Depth 1.
        case listAll
        case finish(Listing)
    }

    enum Event: Equatable {
        /// A sync-collection answer: members changed (with their etags), members removed, the
        /// new token, and whether the server stopped short (RFC 6578 §3.6).
        case reported(changed: [RemoteItem], removed: [String], token: String?, truncated: Bool)
        /// The REPORT was answered with an error; `invalidToken` when the answer names the
        /// `DAV:valid-sync-token` precondition.
        case reportRefused(invalidToken: Bool)
        case listedAll([RemoteItem])
    }

    /// How many REPORTs one listing may take before it lists with PROPFIND instead: a server
    /// that keeps truncating without moving its token must not hold a sync forever.
    static let maximumReports = 1_000

    private let known: [RemoteItem]
    private let saved: Saved?
    private let facts: Facts
    /// The items as far as the answers so far tell, by href.
    private var items: [String: String?] = [:]
    private var sentToken = ""
    private var reports = 0

    init(known: [RemoteItem], saved: String?, facts: Facts) {
        self.known = known
        self.saved = saved.flatMap(Saved.init(text:))
        self.facts = facts
    }

    mutating func start() -> Action {
        if facts.supportsSyncCollection {
            guard case .syncToken(let token) = saved, !token.isEmpty else { return startOver() }
            items = Dictionary(known.map { ($0.remoteID, $0.etag) }, uniquingKeysWith: { first, _ in first })
            return send(token)
        }
        // Known gap: Ecluse's own writes move the tag too, so the listing after a sync that
        // wrote is a PROPFIND; telling them apart needs the tag right after each write.
        if let tag = facts.tag, saved == .tag(tag) {
            return .finish(Listing(items: known, state: Saved.tag(tag).text))
        }
        return .listAll
    }

    mutating func next(after event: Event) -> Action {
        switch event {
        case .reported(let changed, let removed, let token, let truncated):
            for item in changed { items[item.remoteID] = item.etag }
            for href in removed { items[href] = nil }
            guard truncated else { return .finish(listing(state: token.map(Saved.syncToken))) }
            guard let token, token != sentToken, reports < Self.maximumReports else { return .listAll }
            return send(token)
        case .reportRefused(let invalidToken):
            // An empty token refused means the server wants none of this; a stale one means
            // start over (RFC 6578 §3.2).
            return invalidToken && !sentToken.isEmpty ? startOver() : .listAll
        case .listedAll(let all):
            let state = facts.supportsSyncCollection ? facts.syncToken.map(Saved.syncToken) : facts.tag.map(Saved.tag)
            return .finish(Listing(items: all, state: state?.text))
        }
    }

    private mutating func startOver() -> Action {
        items = [:]
        return send("")
    }

    private mutating func send(_ token: String) -> Action {
        sentToken = token
        reports += 1
        return .report(token: token)
    }

    private func listing(state: Saved?) -> Listing {
        let sorted = items.sorted { $0.key < $1.key }
        return Listing(items: sorted.map { RemoteItem(remoteID: $0.key, etag: $0.value) }, state: state?.text)
    }
}
