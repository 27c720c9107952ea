import EcluseCore
import EcluseFormats
import EcluseLogging
import EcluseStore
import Foundation

/// Brings appointments from iCalendar files into the store, idempotently.
///
/// An event is matched to a stored appointment by its UID (and, for a changed occurrence, the
/// instant it replaces). Its owner is the user whose email is the event's organiser; its
/// subjects are the contacts whose emails are among its attendees, looked up when needed so
/// that contacts imported later are linked too. The same all-or-nothing rule as for contacts
/// applies: a malformed event refuses the file unless the import is partial.
public final class AppointmentImporter {
    private let store: any Store
    private let clock: any Clock
    private let logger: Logger

    public init(store: any Store, clock: any Clock = SystemClock(), logger: Logger) {
        self.store = store
        self.clock = clock
        self.logger = logger
    }

    public func importFile(at path: String, dryRun: Bool = false, partial: Bool = false) -> FileImportResult {
        var result = FileImportResult(file: path)
        result.format = .iCalendar
        guard let data = FileManager.default.contents(atPath: path) else {
            return .unreadable(path)
        }
        let read = ICalReader().read(Array(data), file: path)
        result.warnings = read.warnings
        result.errors = read.errors
        if !read.errors.isEmpty, !partial {
            result.refused = true
            return result
        }
        result.skipped = read.errors.count
        do {
            try store.transaction {
                try store(read.events, from: path, into: &result)
                if dryRun { throw DryRun() }
            }
        } catch is DryRun {
            result.dryRun = true
        } catch {
            result = .notStored(path, because: error)
        }
        logger.info(
            "calendar imported",
            metadata: [
                "file": .plain(path), "created": .plain("\(result.created)"), "updated": .plain("\(result.updated)"),
                "unchanged": .plain("\(result.unchanged)"),
            ])
        return result
    }

    private func store(_ events: [CalendarEvent], from path: String, into result: inout FileImportResult) throws {
        let provenance = Provenance(source: path, importedAt: clock.now())
        let owners = Dictionary(
            try store.users().compactMap { user in user.email.map { ($0.lowercased(), user.login) } },
            uniquingKeysWith: { first, _ in first })
        var unknownOrganisers = 0

        for event in events {
            var appointment = Appointment(event: event, id: "")
            appointment.owner = appointment.organizer.flatMap { owners[$0] }
            if appointment.owner == nil { unknownOrganisers += 1 }
            if let existing = try store.appointment(matchingKey: appointment.matchKey) {
                appointment.id = existing.id
                if existing == appointment {
                    result.unchanged += 1
                    continue
                }
                result.updated += 1
            } else {
                appointment.id = RecordID.make()
                result.created += 1
            }
            try store.save(appointment, provenance: provenance)
        }
        if unknownOrganisers > 0 {
            result.warnings.append(
                FormatWarning(
                    "\(unknownOrganisers) appointment(s) have an organiser who is not a known user; they have no owner "
                        + "until `ecluse users import` adds the salesperson with that email",
                    at: SourceLocation(file: path, line: 0)))
        }
    }
}
