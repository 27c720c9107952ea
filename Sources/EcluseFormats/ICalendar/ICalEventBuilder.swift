import CICal
import EcluseCore
import EcluseCrypto
import Foundation

/// Builds one `CalendarEvent` from one VEVENT block, inside `LibICal.run`.
///
/// Errors refuse the event; warnings keep it. Messages name properties and lines, never values.
struct ICalEventBuilder {
    var file: String
    var zones: ICalTimeZoneResolver
    private(set) var warnings: [FormatWarning] = []

    init(file: String, zones: ICalTimeZoneResolver) {
        self.file = file
        self.zones = zones
    }

    mutating func build(_ block: ICalBlock) -> Result<CalendarEvent, FormatError> {
        guard let parsed = OwnedComponent(parsing: block.text) else {
            return .failure(
                error(
                    "libical could not read this event (\(LibICal.lastErrorText))", line: block.beginLine,
                    fix: "Check the event's BEGIN:VEVENT and END:VEVENT lines"))
        }
        let event = parsed.kind == ICAL_VEVENT_COMPONENT ? parsed : nil
        guard let event else {
            return .failure(error("VEVENT could not be read", line: block.beginLine, fix: nil))
        }
        guard let startProperty = event.first(ICAL_DTSTART_PROPERTY),
            let start = time(of: startProperty, icalproperty_get_dtstart(startProperty), in: block)
        else {
            let present = block.lines.contains { $0.name == "DTSTART" }
            return .failure(
                error(
                    present ? "DTSTART could not be read as a date or date-time" : "event has no DTSTART",
                    line: line(of: "DTSTART", in: block) ?? block.beginLine,
                    fix: "Write DTSTART as 20250305T090000Z, 20250305T090000 with a TZID, or VALUE=DATE:20250305"))
        }

        let sourceUID = icalcomponent_get_uid(event.handle).map { String(cString: $0) }.flatMap(Self.nonEmpty)
        var built = CalendarEvent(
            uid: sourceUID ?? "", sourceUID: sourceUID, start: start,
            end: end(of: event, start: start, in: block), line: block.beginLine)
        built.summary = icalcomponent_get_summary(event.handle).map { String(cString: $0) }
        built.description = icalcomponent_get_description(event.handle).map { String(cString: $0) }
        built.location = icalcomponent_get_location(event.handle).map { String(cString: $0) }
        built.organizer = event.first(ICAL_ORGANIZER_PROPERTY).flatMap(icalproperty_get_organizer).map {
            Self.email(String(cString: $0))
        }
        built.attendees = event.properties(ICAL_ATTENDEE_PROPERTY).compactMap(icalproperty_get_attendee).map {
            Self.email(String(cString: $0)).lowercased()
        }
        if let property = event.first(ICAL_RECURRENCEID_PROPERTY) {
            built.recurrenceID = time(of: property, icalproperty_get_recurrenceid(property), in: block)?.instant
        }
        built.rrule = event.first(ICAL_RRULE_PROPERTY).flatMap(ICalProperty.text)
        checkUntil(of: built, in: block)
        built.exdates = event.properties(ICAL_EXDATE_PROPERTY).compactMap {
            time(of: $0, icalproperty_get_exdate($0), in: block)?.instant
        }
        return .success(built)
    }

    /// A hash of the event's lines, DTSTAMP left out: the same event exported again hashes the same.
    static func contentHash(of block: ICalBlock) -> String {
        let lines = block.lines.filter { $0.name != "DTSTAMP" }.map(\.text)
        return SHA256.hex(lines.joined(separator: "\n"))
    }

    private mutating func end(of event: OwnedComponent, start: EventTime, in block: ICalBlock) -> EventTime {
        if let property = event.first(ICAL_DTEND_PROPERTY) {
            if let end = time(of: property, icalproperty_get_dtend(property), in: block) { return end }
            warn("DTEND could not be read; the event ends when it starts", line: line(of: "DTEND", in: block))
        }
        let seconds = event.first(ICAL_DURATION_PROPERTY).map {
            Int(icaldurationtype_as_int(icalproperty_get_duration($0)))
        }
        switch start {
        case .date(let date):
            let days = max(1, (seconds ?? 86_400) / 86_400)
            let next = LocalDateTime(date: date).instantInUTC.addingTimeInterval(TimeInterval(days * 86_400))
            return .date(LocalDateTime(next, in: TimeZone(identifier: "UTC") ?? .current).date)
        case .dateTime(let instant, let zone):
            return .dateTime(instant.addingTimeInterval(TimeInterval(seconds ?? 0)), timeZone: zone)
        case .floating(let local):
            let shifted = local.instantInUTC.addingTimeInterval(TimeInterval(seconds ?? 0))
            return .floating(LocalDateTime(shifted, in: TimeZone(identifier: "UTC") ?? .current))
        }
    }

    /// The event time of a DTSTART-like property, or `nil` when its value is no valid time.
    private mutating func time(of property: OpaquePointer, _ value: icaltimetype, in block: ICalBlock) -> EventTime? {
        guard icaltime_is_null_time(value) == 0, icaltime_is_valid_time(value) != 0,
            (1...12).contains(value.month), (1...31).contains(value.day)
        else { return nil }
        let local = LocalDateTime(value)
        if value.is_date != 0 { return .date(local.date) }
        if icaltime_is_utc(value) != 0 { return .dateTime(local.instantInUTC, timeZone: nil) }
        guard let tzid = ICalProperty.timeZoneID(property) else { return .floating(local) }
        guard let zone = zones.resolve(tzid) else {
            warn("unknown TZID with no VTIMEZONE; the time was read as floating", line: block.beginLine)
            return .floating(local)
        }
        return .dateTime(zone.instant(local), timeZone: zone.name)
    }

    /// RFC 5545 §3.3.10 wants UNTIL in DTSTART's value type; a DATE-TIME with a DATE is coerced.
    private mutating func checkUntil(of event: CalendarEvent, in block: ICalBlock) {
        guard event.start.isAllDay, let rule = event.rrule?.uppercased(), let range = rule.range(of: "UNTIL=")
        else { return }
        let value = rule[range.upperBound...].prefix { $0 != ";" }
        guard value.contains("T") else { return }
        warn("RRULE UNTIL type (DATE-TIME) differs from DTSTART (DATE); coerced", line: line(of: "RRULE", in: block))
    }

    private func line(of name: String, in block: ICalBlock) -> Int? {
        block.lines.first { $0.name == name }?.line
    }

    private mutating func warn(_ message: String, line: Int?) {
        warnings.append(FormatWarning(message, at: SourceLocation(file: file, line: line ?? 1)))
    }

    private func error(_ message: String, line: Int, fix: String?) -> FormatError {
        FormatError(message, at: SourceLocation(file: file, line: line), fix: fix)
    }

    private static func nonEmpty(_ text: String) -> String? {
        text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : text
    }

    /// A CAL-ADDRESS without its `mailto:` scheme (RFC 5545 §3.3.3).
    static func email(_ address: String) -> String {
        let trimmed = address.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("mailto:") else { return trimmed }
        return String(trimmed.dropFirst("mailto:".count))
    }
}
