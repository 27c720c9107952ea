import EcluseCore
import EcluseFormats
import Foundation
import Testing

/// Writing events and reading them back gives the same events; Python's `icalendar` reads them too.
@Suite struct ICalRoundTripTests {
    static let stamp = Date(timeIntervalSince1970: 1_740_000_000)

    static var events: [CalendarEvent] {
        let paris = LocalDateTime(date: CalendarDate(year: 2025, month: 3, day: 30), hour: 9)
        let zone = TimeZone(identifier: "Europe/Paris") ?? .current
        let start = paris.instant(in: zone)
        return [
            CalendarEvent(
                uid: "rt-1@example.org", summary: "Revue; budget, \"Q2\"\\ préparée — ça va",
                description: "Ligne 1\nLigne 2 " + String(repeating: "é", count: 80), location: "Salle B",
                start: .dateTime(start, timeZone: "Europe/Paris"),
                end: .dateTime(start.addingTimeInterval(3600), timeZone: "Europe/Paris"),
                organizer: "ana@example.org", attendees: ["bob@example.org", "chloe@example.org"]),
            CalendarEvent(
                uid: "rt-2@example.org", summary: "Salon",
                start: .date(CalendarDate(year: 2025, month: 5, day: 19)),
                end: .date(CalendarDate(year: 2025, month: 5, day: 20)),
                rrule: "FREQ=YEARLY;UNTIL=20280519T000000Z"),
            CalendarEvent(
                uid: "rt-3@example.org", summary: "Standup",
                start: .dateTime(Date(timeIntervalSince1970: 1_736_154_000), timeZone: nil),
                end: .dateTime(Date(timeIntervalSince1970: 1_736_155_800), timeZone: nil),
                rrule: "FREQ=DAILY;COUNT=5", exdates: [Date(timeIntervalSince1970: 1_736_240_400)]),
            CalendarEvent(
                uid: "rt-4@example.org", summary: "Floating",
                start: .floating(LocalDateTime(date: CalendarDate(year: 2025, month: 6, day: 1), hour: 8)),
                end: .floating(LocalDateTime(date: CalendarDate(year: 2025, month: 6, day: 1), hour: 9)),
                attendees: ["dan@example.org"]),
        ]
    }

    static var written: String { ICalWriter(stamp: stamp).write(events, calendarName: "Équipe") }

    @Test("Written events read back with the same uid, summary, instants, zone, all-day and attendees")
    func writeThenReadKeepsEvents() {
        let result = ICalReader().read(Array(Self.written.utf8), file: "roundtrip.ics")
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(result.events.count == Self.events.count)
        for (read, original) in zip(result.events, Self.events) {
            #expect(read.uid == original.uid)
            #expect(read.summary == original.summary)
            #expect(read.description == original.description)
            #expect(read.start == original.start && read.end == original.end, "\(original.uid)")
            #expect(read.attendees == original.attendees && read.organizer == original.organizer)
            #expect(read.exdates == original.exdates)
        }
    }

    @Test("The output uses CRLF, lines of at most 75 octets, a VTIMEZONE and a DATE UNTIL for all-day rules")
    func outputFollowsRFC5545() {
        let text = Self.written
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.contains("TZID:Europe/Paris"))
        #expect(lines.contains("RRULE:FREQ=YEARLY;UNTIL=20280519"))
        #expect(lines.contains("PRODID:-//Ecluse//Ecluse//EN"))
        #expect(text.contains("SUMMARY:Revue\\; budget\\, \"Q2\"\\\\ pr"))
    }

    @Test("Python's icalendar package reads the output with every event and its zone")
    func pythonIcalendarReadsOutput() throws {
        let script = """
            import sys
            try:
                import icalendar
            except ImportError:
                print("MISSING"); sys.exit(3)
            cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
            for e in cal.walk("VEVENT"):
                start = e.decoded("DTSTART")
                print(str(e["UID"]), getattr(getattr(start, "tzinfo", None), "key", "-"), str(e["SUMMARY"]))
            print("zones", len(cal.walk("VTIMEZONE")))
            """
        let output = try Self.run(["python3", "-c", script], input: Data(Self.written.utf8))
        guard output.status != 3 else {
            Issue.record("Python's icalendar module is missing: run `make deps` (scripts/install-deps.sh)")
            return
        }
        #expect(output.status == 0, "python3 failed: \(output.text)")
        let lines = output.text.split(separator: "\n").map(String.init)
        #expect(lines.first == "rt-1@example.org Europe/Paris Revue; budget, \"Q2\"\\ préparée — ça va")
        #expect(lines.filter { $0.hasPrefix("rt-") }.count == Self.events.count)
        #expect(lines.last == "zones 1")
    }

    static func run(_ arguments: [String], input: Data) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
