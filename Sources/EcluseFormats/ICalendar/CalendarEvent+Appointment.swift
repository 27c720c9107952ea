import EcluseCore
import Foundation

extension Appointment {
    /// The appointment an event of a calendar file describes, before it has an owner or an id.
    public init(event: CalendarEvent, id: String) {
        self.init(
            id: id, sourceUID: event.uid, recurrenceID: event.recurrenceID, summary: event.summary ?? "",
            location: event.location, description: event.description, start: event.start, end: event.end,
            organizer: event.organizer?.lowercased(), attendees: event.attendees, rrule: event.rrule,
            exdates: event.exdates)
    }
}

extension CalendarEvent {
    /// The event that writes `appointment` back to iCalendar, or expands its occurrences.
    public init(appointment: Appointment) {
        self.init(
            uid: appointment.sourceUID, sourceUID: appointment.sourceUID, recurrenceID: appointment.recurrenceID,
            summary: appointment.summary, description: appointment.description, location: appointment.location,
            start: appointment.start, end: appointment.end, organizer: appointment.organizer,
            attendees: appointment.attendees, rrule: appointment.rrule, exdates: appointment.exdates)
    }
}

/// The occurrences of stored appointments inside a window, changed occurrences applied.
public struct AppointmentCalendar: Sendable {
    private let appointments: [Appointment]

    public init(_ appointments: [Appointment]) { self.appointments = appointments }

    /// One entry per occurrence that overlaps `from..<to`, by start.
    public func occurrences(from: Date, to: Date) -> [(appointment: Appointment, start: EventTime, end: EventTime)] {
        let events = appointments.map(CalendarEvent.init(appointment:))
        let byKey = Dictionary(appointments.map { ($0.matchKey, $0) }, uniquingKeysWith: { first, _ in first })
        let expander = ICalReadResult(events: events)
        var found: [(appointment: Appointment, start: EventTime, end: EventTime)] = []
        for (event, appointment) in zip(events, appointments) where appointment.recurrenceID == nil {
            for occurrence in expander.occurrences(of: event, from: from, to: to) {
                let key = Appointment(event: occurrence.event, id: "").matchKey
                found.append((byKey[key] ?? appointment, occurrence.start, occurrence.end))
            }
        }
        return found.sorted { ($0.start.instant, $0.appointment.id) < ($1.start.instant, $1.appointment.id) }
    }
}
