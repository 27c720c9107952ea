import EcluseCore
import EcluseFormats
import Foundation
import Testing

/// The reader's answers to broken structure, overrides and zones, on small invented files.
@Suite struct ICalReaderTests {
    static func calendar(_ body: String) -> [UInt8] {
        Array(("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\n" + body + "END:VCALENDAR\r\n").utf8)
    }

    static let good =
        "BEGIN:VEVENT\r\nUID:ok@example.org\r\nDTSTART:20250101T090000Z\r\nSUMMARY:Ana Example\r\nEND:VEVENT\r\n"

    @Test("A bad DTSTART refuses its event only, with its line and no value in the message")
    func badStartRefusesOneEvent() {
        let bad = "BEGIN:VEVENT\r\nUID:bad@example.org\r\nSUMMARY:Ana Example\r\nDTSTART:NOT-A-DATE\r\nEND:VEVENT\r\n"
        let result = ICalReader().read(Self.calendar(bad + Self.good), file: "a.ics")
        #expect(result.events.map(\.uid) == ["ok@example.org"])
        #expect(result.errors.map(\.location.line) == [7])
        #expect(result.errors.allSatisfy { !$0.description.contains("Ana") && !$0.description.contains("NOT-A") })
    }

    @Test("An unterminated VEVENT is refused at its BEGIN line; a file without VCALENDAR is refused")
    func structureIsChecked() {
        let cut = ICalReader().read(Self.calendar(Self.good + "BEGIN:VEVENT\r\nUID:x\r\n"), file: "a.ics")
        #expect(cut.events.count == 1)
        #expect(cut.errors.contains { $0.message.contains("no END:VEVENT") && $0.location.line == 9 })
        let bare = ICalReader().read(Array(Self.good.utf8), file: "b.ics")
        #expect(bare.events.isEmpty && bare.errors.first?.message.contains("VCALENDAR") == true)
        let noise = ICalReader().read([0xFF, 0x00, 0x0D, 0x0A, 0x20, 0x0A], file: "c.ics")
        #expect(noise.events.isEmpty && !noise.errors.isEmpty)
    }

    @Test("EXDATE lines and a RECURRENCE-ID override shape the occurrences; the file VTIMEZONE places times")
    func overridesAndExdates() throws {
        let zone =
            "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
            + "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
            + "BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
            + "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
        let master =
            "BEGIN:VEVENT\r\nUID:w@example.org\r\nDTSTART;TZID=Europe/Paris:20250324T090000\r\n"
            + "DURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE;TZID=Europe/Paris:20250407T090000\r\n"
            + "ORGANIZER;CN=Ana:mailto:Ana@example.org\r\nATTENDEE:MAILTO:Bob@Example.org\r\nEND:VEVENT\r\n"
        let moved =
            "BEGIN:VEVENT\r\nUID:w@example.org\r\nRECURRENCE-ID;TZID=Europe/Paris:20250331T090000\r\n"
            + "DTSTART;TZID=Europe/Paris:20250331T140000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n"
        let result = ICalReader().read(Self.calendar(zone + master + moved), file: "w.ics")
        #expect(result.errors.isEmpty && result.warnings.isEmpty, "\(result.errors) \(result.warnings)")
        let event = try #require(result.events.first)
        #expect(event.start.instant == ISO8601DateFormatter().date(from: "2025-03-24T08:00:00Z"))
        #expect(event.organizer == "Ana@example.org" && event.attendees == ["bob@example.org"])
        let from = Date(timeIntervalSince1970: 1_735_689_600)
        let starts = result.occurrences(of: event, from: from, to: from.addingTimeInterval(365 * 86_400))
            .map { ISO8601DateFormatter().string(from: $0.start.instant) }
        #expect(starts == ["2025-03-24T08:00:00Z", "2025-03-31T12:00:00Z", "2025-04-14T07:00:00Z"])
    }
}
