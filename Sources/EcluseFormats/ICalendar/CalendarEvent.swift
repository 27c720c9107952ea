import EcluseCore
import Foundation

/// One VEVENT read from, or written to, an iCalendar file (RFC 5545 §3.6.1).
///
/// `uid` is always set and unique within one read: it is the file's UID, or a UID derived from
/// the event's content when the file gave none or gave the same one to distinct events; the
/// file's own value stays in `sourceUID`.
public struct CalendarEvent: Sendable, Hashable {
    public var uid: String
    public var sourceUID: String?
    /// The instant of the occurrence this event overrides (RFC 5545 §3.8.4.4), if any.
    public var recurrenceID: Date?
    public var summary: String?
    public var description: String?
    public var location: String?
    public var start: EventTime
    public var end: EventTime
    /// The organiser's email address, without `mailto:`.
    public var organizer: String?
    /// The attendees' email addresses, lowercased, without `mailto:`.
    public var attendees: [String]
    /// The RRULE value as written in the file, if the event repeats.
    public var rrule: String?
    /// The excluded occurrences, as instants (all-day and floating ones at midnight UTC).
    public var exdates: [Date]
    /// The line of the event's `BEGIN:VEVENT` (0 for an event that was not read from a file).
    public var line: Int

    public init(
        uid: String, sourceUID: String? = nil, recurrenceID: Date? = nil, summary: String? = nil,
        description: String? = nil, location: String? = nil, start: EventTime, end: EventTime,
        organizer: String? = nil, attendees: [String] = [], rrule: String? = nil, exdates: [Date] = [],
        line: Int = 0
    ) {
        self.uid = uid
        self.sourceUID = sourceUID
        self.recurrenceID = recurrenceID
        self.summary = summary
        self.description = description
        self.location = location
        self.start = start
        self.end = end
        self.organizer = organizer
        self.attendees = attendees
        self.rrule = rrule
        self.exdates = exdates
        self.line = line
    }
}

/// One occurrence of an event inside a window: the event itself, or the override that replaced it.
public struct Occurrence: Sendable, Hashable {
    public var start: EventTime
    public var end: EventTime
    /// The master event, or the RECURRENCE-ID override that replaces this occurrence.
    public var event: CalendarEvent

    public init(start: EventTime, end: EventTime, event: CalendarEvent) {
        self.start = start
        self.end = end
        self.event = event
    }
}
