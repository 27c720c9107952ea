import EcluseCore
import EcluseFormats
import EcluseStore
import Foundation

/// `ecluse appointments`: lists the occurrences of appointments inside a window.
struct AppointmentsCommand: Command {
    static let name = ["appointments"]
    static let summary = "list appointments (repeating ones expanded) in a window of dates"
    static let help = """
        Usage: ecluse appointments [--owner LOGIN] [--from DATE] [--to DATE] [--json]

        Lists each occurrence that overlaps the window, by start: time, zone, summary, owner
        and the number of contacts attending. Repeating appointments are expanded, with their
        exceptions and changed occurrences.

          --owner LOGIN   only this salesperson's appointments
          --from DATE     the window's first day, YYYY-MM-DD (default: 7 days ago)
          --to DATE       the day after the window, YYYY-MM-DD (default: 60 days from now)
          --json          print the occurrences as JSON
        """
    static let valuedOptions: Set<String> = ["owner", "from", "to"]
    static let flags: Set<String> = ["json"]

    let owner: String?
    let from: Date?
    let to: Date?

    init(_ arguments: Arguments) throws {
        guard arguments.operands.isEmpty else {
            throw CLIError.usage("appointments takes no operands", command: "appointments")
        }
        owner = arguments.value("owner")
        from = try arguments.value("from").map { try Self.day($0, option: "from") }
        to = try arguments.value("to").map { try Self.day($0, option: "to") }
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let store = try context.store()
        let now = context.clock.now()
        let start = from ?? now.addingTimeInterval(-7 * 86_400)
        let end = to ?? now.addingTimeInterval(60 * 86_400)
        guard start < end else { throw CLIError.usage("--from must come before --to", command: "appointments") }

        let occurrences = AppointmentCalendar(try store.appointments(owner: owner)).occurrences(from: start, to: end)
        var listed: [OccurrenceJSON] = []
        for occurrence in occurrences {
            let subjects = try store.contactIDs(matchingAnyEmail: occurrence.appointment.attendees)
            listed.append(OccurrenceJSON(occurrence, subjects: subjects.count))
        }
        if context.output.json {
            try context.output.emit(listed)
            return .success
        }
        for item in listed {
            let zone = item.timeZone.map { " \($0)" } ?? ""
            let owner = item.owner.map { " · \($0)" } ?? " · no owner"
            context.output.line(
                "\(item.start) → \(item.end)\(zone) · \(item.summary)\(owner) · \(item.contacts) contact(s)")
        }
        context.output.line("\(listed.count) occurrence(s)")
        return .success
    }

    private static func day(_ text: String, option: String) throws -> Date {
        guard let date = CalendarDate(iso: text) else {
            throw CLIError.usage("--\(option) takes a date of the calendar written YYYY-MM-DD", command: "appointments")
        }
        return LocalDateTime(date: date).instantInUTC
    }
}

/// The JSON (and text) form of one occurrence.
struct OccurrenceJSON: Encodable {
    var uid: String
    var summary: String
    var start: String
    var end: String
    var allDay: Bool
    var timeZone: String?
    var owner: String?
    var contacts: Int
    var repeating: Bool

    init(_ occurrence: (appointment: Appointment, start: EventTime, end: EventTime), subjects: Int) {
        uid = occurrence.appointment.sourceUID
        summary = occurrence.appointment.summary
        start = Self.text(occurrence.start)
        end = Self.text(occurrence.end)
        allDay = occurrence.start.isAllDay
        timeZone = occurrence.start.timeZone
        owner = occurrence.appointment.owner
        contacts = subjects
        repeating = occurrence.appointment.rrule != nil || occurrence.appointment.recurrenceID != nil
    }

    /// A time as the reader of a listing expects it: local to its zone when it has one.
    static func text(_ time: EventTime) -> String {
        switch time {
        case .date(let date): return date.description
        case .floating(let local): return Self.local(local)
        case .dateTime(let instant, let zone):
            let timeZone = zone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC") ?? .current
            return Self.local(LocalDateTime(instant, in: timeZone)) + (zone == nil ? "Z" : "")
        }
    }

    private static func local(_ time: LocalDateTime) -> String {
        "\(time.date) " + String(format: "%02d:%02d", time.hour, time.minute)
    }
}
