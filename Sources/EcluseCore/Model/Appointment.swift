import Foundation

/// A meeting between a user and one or more subjects, as the CRM's calendar export gives it.
///
/// A repeating appointment is stored once, with its rule (`rrule`, `exdates`); a changed
/// occurrence is stored as its own appointment with `recurrenceID` set. Occurrences inside a
/// window are computed when needed (see `AppointmentCalendar` in EcluseImport).
public struct Appointment: Sendable, Hashable, Codable {
    /// Ecluse's own identifier.
    public var id: String
    /// The UID the calendar file gave (or one derived from the event when it gave none).
    public var sourceUID: String
    /// The instant of the occurrence this appointment replaces, for a changed occurrence.
    public var recurrenceID: Date?
    public var summary: String
    public var location: String?
    public var description: String?
    public var start: EventTime
    public var end: EventTime
    /// The organiser's email address; the user with this address owns the appointment.
    public var organizer: String?
    /// The attendees' email addresses, lowercased: the subjects are the contacts with them.
    public var attendees: [String]
    public var rrule: String?
    public var exdates: [Date]
    /// The login of the user who owns the appointment, if the organiser is a known user.
    public var owner: String?

    public init(
        id: String,
        sourceUID: String,
        recurrenceID: Date? = nil,
        summary: String,
        location: String? = nil,
        description: String? = nil,
        start: EventTime,
        end: EventTime,
        organizer: String? = nil,
        attendees: [String] = [],
        rrule: String? = nil,
        exdates: [Date] = [],
        owner: String? = nil
    ) {
        self.id = id
        self.sourceUID = sourceUID
        self.recurrenceID = recurrenceID
        self.summary = summary
        self.location = location
        self.description = description
        self.start = start
        self.end = end
        self.organizer = organizer
        self.attendees = attendees
        self.rrule = rrule
        self.exdates = exdates
        self.owner = owner
    }

    /// The key that identifies this appointment across re-imports: the UID, and for a changed
    /// occurrence the instant it replaces.
    public var matchKey: String {
        guard let recurrenceID else { return sourceUID }
        return "\(sourceUID)#\(Int64((recurrenceID.timeIntervalSince1970 * 1000).rounded()))"
    }
}
