import EcluseCrypto
import Foundation

/// An appointment as it may leave for one collection: the event, and the contact details of
/// its attendees that an appointment rule lets through, for as long as they may stay.
///
/// The event itself (title, time, place, repetition) stays as long as the appointment is in
/// the store; the details are erased at their deadline (promise 4). A repeating appointment
/// carries no details in its series: each occurrence whose details may be shown is written as
/// an occurrence of its own (RFC 5545 `RECURRENCE-ID`), so that an old occurrence loses its
/// details while the next ones keep theirs. Organiser, attendees and the CRM's notes are never
/// written: they are not the policy's to send, and attendees would make some servers send
/// invitations.
public struct EventCopy: Sendable, Hashable {
    public var summary: String
    public var location: String?
    public var start: EventTime
    public var end: EventTime
    public var rrule: String?
    public var exdates: [Date]
    /// The attendees' details the whole event carries (a single appointment), minimised.
    public var details: [Contact]
    /// Occurrences written apart from the series: changed ones, and those carrying details.
    public var occurrences: [OccurrenceCopy]

    public init(
        summary: String, location: String? = nil, start: EventTime, end: EventTime, rrule: String? = nil,
        exdates: [Date] = [], details: [Contact] = [], occurrences: [OccurrenceCopy] = []
    ) {
        self.summary = summary
        self.location = location
        self.start = start
        self.end = end
        self.rrule = rrule
        self.exdates = exdates
        self.details = details
        self.occurrences = occurrences
    }

    /// Every contact whose details the event carries, in the series or in an occurrence.
    public var allDetails: [Contact] { details + occurrences.flatMap(\.details) }

    /// The SHA-256, hex, of everything the event writes; a changed hash means an update.
    public var contentHash: String {
        let hasher = SHA256Hasher()
        func add(_ key: String, _ value: String?) {
            hasher.update(key)
            hasher.update(value.map { "=\($0.utf8.count):\($0)" } ?? "-")
            hasher.update("\n")
        }
        func addTimes(_ start: EventTime, _ end: EventTime) {
            add("start", start.canonical)
            add("end", end.canonical)
        }
        add("summary", summary)
        add("location", location)
        addTimes(start, end)
        add("rrule", rrule)
        for date in exdates { add("exdate", "\(date.timeIntervalSince1970)") }
        for contact in details { add("details", contact.contentHash) }
        for occurrence in occurrences {
            add("occurrence", "\(occurrence.recurrenceID.timeIntervalSince1970)")
            add("summary", occurrence.summary)
            add("location", occurrence.location)
            addTimes(occurrence.start, occurrence.end)
            for contact in occurrence.details { add("details", contact.contentHash) }
        }
        return hasher.finalizeHex()
    }
}

/// One occurrence of a repeating appointment, written apart from its series.
public struct OccurrenceCopy: Sendable, Hashable {
    /// The start the series gives this occurrence: how the occurrence is named.
    public var recurrenceID: Date
    public var summary: String
    public var location: String?
    public var start: EventTime
    public var end: EventTime
    public var details: [Contact]

    public init(
        recurrenceID: Date, summary: String, location: String? = nil, start: EventTime, end: EventTime,
        details: [Contact] = []
    ) {
        self.recurrenceID = recurrenceID
        self.summary = summary
        self.location = location
        self.start = start
        self.end = end
        self.details = details
    }
}

extension EventTime {
    /// A spelling that names the time exactly, for content hashes.
    var canonical: String {
        switch self {
        case .date(let date): "date:\(date)"
        case .floating(let local): "floating:\(local.date)T\(local.hour):\(local.minute):\(local.second)"
        case .dateTime(let instant, let zone): "instant:\(instant.timeIntervalSince1970)@\(zone ?? "")"
        }
    }
}
