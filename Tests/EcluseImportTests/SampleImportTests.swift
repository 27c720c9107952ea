import EcluseCore
import EcluseFormats
import EcluseImport
import EcluseLogging
import EcluseStore
import EcluseTesting
import Foundation
import Testing

/// The shipped sample through the importers: every format, no warning, no loss.
@Suite struct SampleImportTests {
    static let sample: URL = {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        return root.appendingPathComponent("sample")
    }()

    let folder = TemporaryFolder()
    let logger = Logger(label: "test", sink: .capturing())

    func path(_ name: String) -> String { Self.sample.appendingPathComponent(name).path }

    @Test func theGoogleCSVCarriesExactlyWhatTheVCardExportCarries() throws {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        let importer = ContactImporter(store: store, logger: logger)
        let vCards = importer.importFile(at: path("crm-export.vcf"))
        let before = try store.allContacts()
        let csv = importer.importFile(at: path("crm-export.csv"))

        #expect(vCards.created == 2000 && vCards.warnings.isEmpty && vCards.errors.isEmpty)
        #expect(csv.format == .csv)
        #expect(csv.unchanged == 2000 && csv.warnings.isEmpty && csv.errors.isEmpty)
        #expect(try store.allContacts() == before)
        #expect(before.allSatisfy { $0.owner != nil && $0.sourceUID != nil })
    }

    @Test func theOutlookExportIsReadFromWindows1252QuotedPrintable() throws {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        let result = ContactImporter(store: store, logger: logger).importFile(at: path("outlook-export.vcf"))
        #expect(result.created == 120 && result.warnings.isEmpty && result.errors.isEmpty)
        let names = try store.allContacts().map(\.displayName)
        #expect(names.contains { $0.unicodeScalars.contains { $0.value > 127 } })
        #expect(!names.contains { $0.contains("=") || $0.contains("\u{FFFD}") })
        #expect(try store.allContacts().allSatisfy { $0.extras.map(\.name) == ["X-MS-OL-DEFAULT-POSTAL-ADDRESS"] })
    }

    @Test func appointmentsTakeTheirOwnerFromTheOrganiserAndImportIdempotently() throws {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        for (login, email) in [("alice", "alice@example.org"), ("bruno", "bruno@example.org")] {
            try store.save(User(login: login, email: email))
        }
        _ = ContactImporter(store: store, logger: logger).importFile(at: path("crm-export.vcf"))
        let importer = AppointmentImporter(store: store, logger: logger)

        let first = importer.importFile(at: path("appointments.ics"))
        let second = importer.importFile(at: path("appointments.ics"))

        #expect(first.created == 300 && first.errors.isEmpty)
        #expect(second.unchanged == 300 && second.created == 0 && second.updated == 0)
        let all = try store.appointments(owner: nil)
        let owned = all.filter { $0.owner != nil }
        #expect(Set(owned.compactMap(\.owner)) == ["alice", "bruno"])
        #expect(owned.allSatisfy { $0.organizer == "\($0.owner ?? "")@example.org" })
        #expect(try store.appointments(owner: "alice").allSatisfy { $0.owner == "alice" })
        let linked = try all.filter { try !store.contactIDs(matchingAnyEmail: $0.attendees).isEmpty }
        #expect(linked.count == 300)
    }
}

@Suite struct AppointmentCalendarTests {
    @Test func aWeeklyAppointmentIsExpandedWithItsExceptionAndItsChangedOccurrence() throws {
        let paris = "Europe/Paris"
        let zone = try #require(TimeZone(identifier: paris))
        func at(_ day: Int, _ hour: Int) -> EventTime {
            .dateTime(
                LocalDateTime(date: CalendarDate(year: 2026, month: 12, day: day), hour: hour).instant(in: zone),
                timeZone: paris)
        }
        let weekly = Appointment(
            id: "a", sourceUID: "weekly@example.org", summary: "Point hebdo", start: at(1, 9), end: at(1, 10),
            rrule: "FREQ=WEEKLY;COUNT=4", exdates: [at(8, 9).instant])
        var moved = weekly
        moved.id = "b"
        moved.rrule = nil
        moved.exdates = []
        moved.recurrenceID = at(15, 9).instant
        moved.start = at(15, 14)
        moved.end = at(15, 15)

        let window = (from: at(1, 0).instant, to: at(31, 0).instant)
        let found = AppointmentCalendar([weekly, moved]).occurrences(from: window.from, to: window.to)

        #expect(found.map(\.start) == [at(1, 9), at(15, 14), at(22, 9)])
        #expect(found.map(\.appointment.id) == ["a", "b", "a"])
    }
}
