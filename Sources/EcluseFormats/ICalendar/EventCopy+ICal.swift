import EcluseCore
import Foundation

extension ICalWriter {
    /// The iCalendar object of an event copy: the event (or series) and the occurrences it
    /// writes apart, all under `uid` as one calendar resource (RFC 4791 §4.1).
    public func write(_ event: EventCopy, uid: String) -> String {
        write(Self.events(of: event, uid: uid), calendarName: nil)
    }

    /// One calendar of many event copies, each under its own UID: a subscription feed.
    public func write(feed copies: [(uid: String, event: EventCopy)], calendarName: String?) -> String {
        write(copies.flatMap { Self.events(of: $0.event, uid: $0.uid) }, calendarName: calendarName)
    }

    /// The VEVENTs of one event copy: the event (or series), then its written occurrences.
    static func events(of event: EventCopy, uid: String) -> [CalendarEvent] {
        var events = [
            CalendarEvent(
                uid: uid, summary: event.summary, description: EventDetailsText.text(for: event.details),
                location: event.location, start: event.start, end: event.end, rrule: event.rrule,
                exdates: event.exdates)
        ]
        for occurrence in event.occurrences {
            events.append(
                CalendarEvent(
                    uid: uid, recurrenceID: occurrence.recurrenceID, summary: occurrence.summary,
                    description: EventDetailsText.text(for: occurrence.details), location: occurrence.location,
                    start: occurrence.start, end: occurrence.end))
        }
        return events
    }
}

/// Walks repeating appointments with libical (see `RecurrenceExpander`).
public struct ICalOccurrences: OccurrenceExpanding {
    public init() {}

    public func occurrences(of series: Appointment, changed: [Appointment], from: Date, to: Date)
        -> [AppointmentOccurrence]
    {
        let master = CalendarEvent(appointment: series)
        let overrides = changed.map(CalendarEvent.init(appointment:))
        let byKey = Dictionary(changed.map { ($0.matchKey, $0) }, uniquingKeysWith: { first, _ in first })
        return RecurrenceExpander(events: [master] + overrides).occurrences(of: master, from: from, to: to).map {
            occurrence in
            let override = occurrence.event.recurrenceID.flatMap { _ in
                byKey[Appointment(event: occurrence.event, id: "").matchKey]
            }
            return AppointmentOccurrence(
                recurrenceID: occurrence.event.recurrenceID ?? occurrence.start.instant, start: occurrence.start,
                end: occurrence.end, changed: override)
        }
    }
}
