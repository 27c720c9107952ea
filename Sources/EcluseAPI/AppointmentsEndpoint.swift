import EcluseCore
import EcluseFormats
import EcluseHTTP
import EcluseStore
import Foundation

/// `GET /api/v1/appointments?from=&to=`: the occurrences that overlap a window of days,
/// repeating appointments expanded (sales: their own).
struct AppointmentsEndpoint: Sendable {
    /// The widest window, so that a daily meeting cannot be expanded without end.
    static let maximumDays = 366

    let service: APIService

    func list(_ request: Request, _ caller: APICaller) throws -> Response {
        let query = APIQuery(request: request)
        let (limit, offset) = try query.page(defaultLimit: 100)
        let now = service.clock.now()
        let start =
            try query.day("from").map { LocalDateTime(date: $0).instantInUTC } ?? now.addingTimeInterval(-7 * 86_400)
        let end =
            try query.day("to").map { LocalDateTime(date: $0).instantInUTC } ?? start.addingTimeInterval(67 * 86_400)
        guard start < end else { throw APIProblems.badParameter("from", "must come before `to`") }
        guard end.timeIntervalSince(start) <= Double(Self.maximumDays) * 86_400 else {
            throw APIProblems.badParameter("to", "must be at most \(Self.maximumDays) days after `from`")
        }
        let items = try service.withStore { store in
            let occurrences = AppointmentCalendar(try store.appointments(owner: caller.ownerFilter))
                .occurrences(from: start, to: end)
            var items: [OccurrenceJSON] = []
            for occurrence in occurrences.dropFirst(offset).prefix(limit) {
                let subjects = try store.contactIDs(matchingAnyEmail: occurrence.appointment.attendees)
                items.append(OccurrenceJSON(occurrence, contacts: subjects.count))
            }
            return (items, occurrences.count)
        }
        return try APIJSON.response(
            OccurrencePageJSON(items: items.0, total: items.1, limit: limit, offset: offset))
    }

    static let operation = OpenAPIOperation(
        id: "listAppointments", summary: "Occurrences of appointments in a window of days (sales: their own)",
        parameters: [
            .query("from", "the window's first day (default: 7 days ago)", ["type": "string", "format": "date"]),
            .query(
                "to", "the day after the window (default: 60 days after now)", ["type": "string", "format": "date"]),
            OpenAPIOperation.limit.merging(default: 100), OpenAPIOperation.offset,
        ],
        successSchema: "OccurrencePage", errors: [400])
}
