import Foundation

/// Lists the occurrences of a repeating appointment inside a window.
///
/// Core plans without knowing how a repetition rule is walked; the iCalendar module gives the
/// real walker (libical), and a plan for appointments that never repeat needs none.
public protocol OccurrenceExpanding: Sendable {
    /// The occurrences of `series` that start in `from..<to`, by start, with `changed` (its
    /// stored changed occurrences) applied and excluded dates left out.
    func occurrences(of series: Appointment, changed: [Appointment], from: Date, to: Date) -> [AppointmentOccurrence]
}

/// One occurrence of a repeating appointment.
public struct AppointmentOccurrence: Sendable, Hashable {
    /// The start the series gives it, which names it even when it was moved.
    public var recurrenceID: Date
    public var start: EventTime
    public var end: EventTime
    /// The stored changed occurrence that replaces it, if any.
    public var changed: Appointment?

    public init(recurrenceID: Date, start: EventTime, end: EventTime, changed: Appointment? = nil) {
        self.recurrenceID = recurrenceID
        self.start = start
        self.end = end
        self.changed = changed
    }
}

/// For plans without repeating appointments: every series has its first occurrence only.
public struct FirstOccurrenceOnly: OccurrenceExpanding {
    public init() {}

    public func occurrences(of series: Appointment, changed: [Appointment], from: Date, to: Date)
        -> [AppointmentOccurrence]
    {
        let start = series.start.instant
        guard start >= from, start < to else { return [] }
        return [AppointmentOccurrence(recurrenceID: start, start: series.start, end: series.end)]
    }
}
