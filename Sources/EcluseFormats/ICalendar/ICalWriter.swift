import EcluseCore
import Foundation

/// Writes calendar events as one iCalendar object (RFC 5545).
///
/// The output uses CRLF, folds at 75 octets without splitting a character, escapes text, and
/// carries a VTIMEZONE for every zone it names, so any client can place the times without its
/// own zone database. A zone libical does not know is written in UTC instead. UIDs are written
/// as given: they are the events' stable identity at the destination.
public struct ICalWriter: Sendable {
    /// The DTSTAMP written on every event (RFC 5545 §3.8.7.2): when the object was made.
    public var stamp: Date

    public init(stamp: Date = Date()) {
        self.stamp = stamp
    }

    public func write(_ events: [CalendarEvent], calendarName: String?) -> String {
        var zones: [String: [String]] = [:]
        for name in Set(events.flatMap { [$0.start.timeZone, $0.end.timeZone] }.compactMap { $0 }) {
            zones[name] = ICalTimeZoneComponents.lines(for: name)
        }
        var lines = ["BEGIN:VCALENDAR", "PRODID:-//Ecluse//Ecluse//EN", "VERSION:2.0", "CALSCALE:GREGORIAN"]
        if let calendarName { lines.append("X-WR-CALNAME:" + ICalText.escaped(calendarName)) }
        for name in zones.keys.sorted() { lines += zones[name] ?? [] }
        for event in events { lines += eventLines(event, zones: Set(zones.keys)) }
        lines.append("END:VCALENDAR")
        return lines.map(ICalText.folded).joined()
    }

    private func eventLines(_ event: CalendarEvent, zones: Set<String>) -> [String] {
        var lines = ["BEGIN:VEVENT", "UID:" + ICalText.escaped(event.uid), "DTSTAMP:" + ICalText.utc(stamp)]
        lines.append("DTSTART" + Self.time(event.start, zones: zones))
        lines.append("DTEND" + Self.time(event.end, zones: zones))
        if let recurrenceID = event.recurrenceID {
            lines.append("RECURRENCE-ID" + Self.time(recurrenceID, like: event.start, zones: zones))
        }
        if let summary = event.summary { lines.append("SUMMARY:" + ICalText.escaped(summary)) }
        if let description = event.description { lines.append("DESCRIPTION:" + ICalText.escaped(description)) }
        if let location = event.location { lines.append("LOCATION:" + ICalText.escaped(location)) }
        if let organizer = event.organizer { lines.append("ORGANIZER:mailto:" + organizer) }
        lines += event.attendees.map { "ATTENDEE:mailto:" + $0 }
        if let rrule = event.rrule { lines.append("RRULE:" + Self.rule(rrule, allDay: event.start.isAllDay)) }
        lines += event.exdates.map { "EXDATE" + Self.time($0, like: event.start, zones: zones) }
        lines.append("END:VEVENT")
        return lines
    }

    /// Parameters and value of a DTSTART-like property, from `;` or `:` on.
    private static func time(_ time: EventTime, zones: Set<String>) -> String {
        switch time {
        case .date(let date):
            return ";VALUE=DATE:" + ICalText.date(date)
        case .floating(let local):
            return ":" + ICalText.local(local)
        case .dateTime(let instant, let name):
            guard let name, zones.contains(name), let zone = TimeZone(identifier: name) else {
                return ":" + ICalText.utc(instant)
            }
            return ";TZID=\(name):" + ICalText.local(LocalDateTime(instant, in: zone))
        }
    }

    /// An instant written in the value type of `start`, as RECURRENCE-ID and EXDATE must be.
    private static func time(_ instant: Date, like start: EventTime, zones: Set<String>) -> String {
        switch start {
        case .date: return time(.date(LocalDateTime(instant, in: ICalText.utcZone).date), zones: zones)
        case .floating: return time(.floating(LocalDateTime(instant, in: ICalText.utcZone)), zones: zones)
        case .dateTime(_, let name): return time(.dateTime(instant, timeZone: name), zones: zones)
        }
    }

    /// The rule with an all-day event's UNTIL written as a DATE, as RFC 5545 §3.3.10 requires.
    private static func rule(_ rule: String, allDay: Bool) -> String {
        guard allDay else { return rule }
        return rule.split(separator: ";", omittingEmptySubsequences: false).map { part in
            let upper = part.uppercased()
            guard upper.hasPrefix("UNTIL=") else { return String(part) }
            return "UNTIL=" + upper.dropFirst("UNTIL=".count).prefix { $0 != "T" }
        }.joined(separator: ";")
    }
}
