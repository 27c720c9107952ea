import CICal
import EcluseCore
import Foundation

/// Expands an event's RRULE into the occurrences that start inside a window (RFC 5545 §3.8.5.3).
///
/// The rule is walked in the event's wall-clock time by libical's iterator, so a weekly
/// meeting stays at 09:00 across a DST change; each local time is then placed in the event's
/// zone. UNTIL is checked here rather than by libical, because libical compares it with
/// zoneless local times; a DATE-TIME UNTIL with an all-day DTSTART counts by its date,
/// inclusive. EXDATEs are skipped and RECURRENCE-ID overrides replace what they override.
/// The walk is bounded, so no rule can make it run forever.
struct RecurrenceExpander {
    static let maximumSteps = 100_000
    private var overrides: [String: [Date: CalendarEvent]] = [:]

    init(events: [CalendarEvent]) {
        for event in events {
            guard let recurrenceID = event.recurrenceID else { continue }
            overrides[event.sourceUID ?? event.uid, default: [:]][recurrenceID] = event
        }
    }

    func occurrences(of event: CalendarEvent, from: Date, to: Date) -> [Occurrence] {
        guard let rrule = event.rrule else {
            let inside = event.start.instant >= from && event.start.instant < to
            return inside ? [Occurrence(start: event.start, end: event.end, event: event)] : []
        }
        let replacing = overrides[event.sourceUID ?? event.uid] ?? [:]
        let excluded = Set(event.exdates)
        let starts = LibICal.run { Self.starts(of: event, rule: rrule, before: to) }
        return starts.compactMap { start in
            let instant = start.instant
            guard instant >= from, instant < to, !excluded.contains(instant) else { return nil }
            if let override = replacing[instant] {
                return Occurrence(start: override.start, end: override.end, event: override)
            }
            return Occurrence(start: start, end: Self.end(of: event, startingAt: start), event: event)
        }
    }

    /// The rule's starts before `limit`, in order; only the event's start when the rule is unreadable.
    private static func starts(of event: CalendarEvent, rule text: String, before limit: Date) -> [EventTime] {
        var rule = text.withCString { icalrecurrencetype_from_string($0) }
        guard rule.freq != ICAL_NO_RECURRENCE else { return [event.start] }
        let until = rule.until
        rule.until = icaltime_null_time()

        let zone = Self.zone(of: event.start)
        var start = LocalDateTime(event.start.instant, in: zone).icalTime
        if case .date(let date) = event.start { start = LocalDateTime(date: date).icalTime }
        start.is_date = event.start.isAllDay ? 1 : 0
        guard let iterator = icalrecur_iterator_new(rule, start) else { return [event.start] }
        defer { icalrecur_iterator_free(iterator) }

        var found: [EventTime] = []
        for _ in 0..<maximumSteps {
            let next = icalrecur_iterator_next(iterator)
            guard icaltime_is_null_time(next) == 0 else { break }
            let time = Self.time(LocalDateTime(next), like: event.start, in: zone)
            guard time.instant < limit, !Self.isPast(until, time, in: zone) else { break }
            found.append(time)
        }
        return found
    }

    private static func isPast(_ until: icaltimetype, _ time: EventTime, in zone: TimeZone) -> Bool {
        guard icaltime_is_null_time(until) == 0 else { return false }
        let limit = LocalDateTime(until)
        switch time {
        case .date(let date):
            return date > limit.date
        case .floating(let local):
            return until.is_date != 0 ? local.date > limit.date : local > limit
        case .dateTime(let instant, _):
            if until.is_date != 0 { return LocalDateTime(instant, in: zone).date > limit.date }
            let utc = TimeZone(identifier: "UTC") ?? zone
            return instant > limit.instant(in: icaltime_is_utc(until) != 0 ? utc : zone)
        }
    }

    private static func time(_ local: LocalDateTime, like start: EventTime, in zone: TimeZone) -> EventTime {
        switch start {
        case .date: return .date(local.date)
        case .floating: return .floating(local)
        case .dateTime(_, let name): return .dateTime(local.instant(in: zone), timeZone: name)
        }
    }

    private static func end(of event: CalendarEvent, startingAt start: EventTime) -> EventTime {
        let length = event.end.instant.timeIntervalSince(event.start.instant)
        let shifted = start.instant.addingTimeInterval(length)
        let utc = TimeZone(identifier: "UTC") ?? .current
        switch start {
        case .date: return .date(LocalDateTime(shifted, in: utc).date)
        case .floating: return .floating(LocalDateTime(shifted, in: utc))
        case .dateTime(_, let name): return .dateTime(shifted, timeZone: name)
        }
    }

    /// The zone whose wall clock the rule walks in; UTC for UTC, all-day and floating times.
    // Known gap (docs/known-gaps.md): a zone known only from the file's VTIMEZONE falls back to UTC
    // here; CalendarEvent would need to carry the VTIMEZONE rules to walk it in its own wall time.
    private static func zone(of time: EventTime) -> TimeZone {
        let utc = TimeZone(identifier: "UTC") ?? .current
        guard let name = time.timeZone else { return utc }
        return TimeZone(identifier: name) ?? utc
    }
}
