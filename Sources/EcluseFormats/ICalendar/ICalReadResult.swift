import Foundation

/// What reading an iCalendar file gave: the events read in full, and the problems met.
///
/// An event with an error is left out whole; the other events of the file are still read.
/// Messages name lines and properties, never values.
public struct ICalReadResult: Sendable {
    public var events: [CalendarEvent]
    public var errors: [FormatError]
    public var warnings: [FormatWarning]

    public init(events: [CalendarEvent] = [], errors: [FormatError] = [], warnings: [FormatWarning] = []) {
        self.events = events
        self.errors = errors
        self.warnings = warnings
    }

    /// The occurrences of `event` that start in `from..<to`, with this file's overrides applied.
    public func occurrences(of event: CalendarEvent, from: Date, to: Date) -> [Occurrence] {
        RecurrenceExpander(events: events).occurrences(of: event, from: from, to: to)
    }
}
