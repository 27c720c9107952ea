/// Where copies go: a kind of connector, its settings, a scope and a residency.
public struct Destination: Sendable, Hashable {
    public var name: String
    public var kind: DestinationKind
    public var scope: DestinationScope
    public var residency: Residency
    /// The attestations that must be on file before anything is sent.
    public var attestations: [String]
    /// What happens to existing copies when those attestations lapse.
    public var whenAttestationsLapse: AttestationLapse
    /// Connector settings as written (`path`, `url`, `username`, `password-env`…).
    ///
    /// `{user}` in a setting is replaced by the user's login for a per-user destination.
    public var settings: [String: String]
    /// What the destination holds: contacts, or the appointments of its rules.
    public var items: DestinationItems
    /// What happens when someone else changes or removes one of Ecluse's copies there.
    public var onDrift: DriftPolicy

    /// Where the destination writes, as the policy says it (`{user}` not replaced): the folder
    /// or the address book's URL. An attestation holds for this place only.
    public var place: String { settings["url"] ?? settings["discover"] ?? settings["path"] ?? "" }

    public init(
        name: String,
        kind: DestinationKind,
        scope: DestinationScope = .shared,
        residency: Residency = .eu,
        attestations: [String] = [],
        whenAttestationsLapse: AttestationLapse = .freeze,
        settings: [String: String] = [:],
        items: DestinationItems? = nil,
        onDrift: DriftPolicy = .restore
    ) {
        self.name = name
        self.kind = kind
        self.scope = scope
        self.residency = residency
        self.attestations = attestations
        self.whenAttestationsLapse = whenAttestationsLapse
        self.settings = settings
        self.items = items ?? (kind == .caldav || kind == .icsFeed ? .events : .contacts)
        self.onDrift = onDrift
    }
}

/// The connectors Ecluse knows.
public enum DestinationKind: String, Sendable, Hashable, CaseIterable {
    /// A folder with one `.vcf` per contact, as khard and vdirsyncer read it.
    case vdir
    /// A CardDAV address book (RFC 6352).
    case carddav
    /// A CalDAV calendar (RFC 4791): appointments only.
    case caldav
    /// Served, not pushed: the vCard a user takes from the web app ("add to my phone", a QR
    /// code). Each download is recorded in the ledger; per-user only.
    case download
    /// Served, not pushed: a user's calendar subscription (`/feeds/<token>.ics`), carrying
    /// each appointment's details until its deadline. Per-user only.
    case icsFeed = "ics-feed"

    /// Whether Ecluse serves the destination on request instead of writing to it: it has no
    /// copies to plan, and what it serves is decided at each request.
    public var isServed: Bool { self == .download || self == .icsFeed }
}

/// What a destination's collections hold.
public enum DestinationItems: String, Sendable, Hashable {
    /// One vCard per subject.
    case contacts
    /// One event per appointment, with the details of its attendees until their deadline.
    case events
}

/// What Ecluse does with a copy that someone else changed or removed at the destination.
public enum DriftPolicy: String, Sendable, Hashable, CaseIterable {
    /// Write Ecluse's version back: the copy is the policy's, not the destination's.
    case restore
    /// Leave it as it is and record it in the ledger; the next change from the CRM writes
    /// Ecluse's version again.
    case report
}

/// Whether a destination is one collection for everyone or one per user.
public enum DestinationScope: String, Sendable, Hashable, CaseIterable {
    case shared
    case perUser = "per-user"
}

/// Where a destination keeps data.
public enum Residency: Sendable, Hashable {
    case eu
    /// Outside the EU guarantee, accepted by a named person on a date.
    case ownRisk(approver: String?, date: String?)

    /// How plans and reports flag a destination outside the EU guarantee; nil for `eu`.
    public var flag: String? {
        guard case .ownRisk(let approver, let date) = self else { return nil }
        return "OWN RISK: outside the EU guarantee, accepted by \(approver ?? "?") on \(date ?? "?")"
    }
}
