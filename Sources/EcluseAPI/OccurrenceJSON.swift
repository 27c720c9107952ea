import EcluseCore
import Foundation

/// One occurrence of an appointment as the API shows it.
struct OccurrenceJSON: Encodable {
    var uid: String
    var summary: String
    var start: Date
    var end: Date
    var allDay: Bool
    var timeZone: String?
    var owner: String?
    /// How many stored contacts attend.
    var contacts: Int
    var repeating: Bool

    init(_ occurrence: (appointment: Appointment, start: EventTime, end: EventTime), contacts: Int) {
        uid = occurrence.appointment.sourceUID
        summary = occurrence.appointment.summary
        start = occurrence.start.instant
        end = occurrence.end.instant
        allDay = occurrence.start.isAllDay
        timeZone = occurrence.start.timeZone
        owner = occurrence.appointment.owner
        self.contacts = contacts
        repeating = occurrence.appointment.rrule != nil || occurrence.appointment.recurrenceID != nil
    }
}

/// One page of occurrences, with how many the window holds in all.
struct OccurrencePageJSON: Encodable {
    var items: [OccurrenceJSON]
    var total: Int
    var limit: Int
    var offset: Int
}
