import EcluseCore
import EcluseFormats
import Foundation
import Testing

/// The `.ics` import cases of `Fixtures/import-cases`: each must read as its `.expected.json` says.
@Suite struct ICalImportCasesTests {
    static var cases: [String] {
        guard let folder = FixtureFiles.importCases,
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [] }
        return names.filter { $0.hasSuffix(".ics") }.sorted()
    }

    @Test("The fixture folder holds iCalendar cases")
    func fixtureFolderHoldsCases() {
        #expect(Self.cases.count >= 8)
    }

    @Test("Each iCalendar import case reads as its expected.json says", arguments: Self.cases)
    func caseReadsAsExpected(_ name: String) throws {
        let expected = try #require(Self.expectation(for: name))
        let result = ICalReader().read(FixtureFiles.bytes(ofCase: name), file: name)
        let events = expected["events"] as? [[String: Any]] ?? []

        #expect(result.errors.count == (expected["errors"] as? [Any])?.count ?? 0, "\(name): \(result.errors)")
        #expect(result.events.count == events.count, "\(name): number of events")
        if let count = expected["count"] as? Int { #expect(result.events.count == count, "\(name): count") }
        let warnings = expected["warnings"] as? [Any] ?? []
        #expect(result.warnings.count >= warnings.count, "\(name): warnings \(result.warnings)")
        if warnings.isEmpty { #expect(result.warnings.isEmpty, "\(name): \(result.warnings)") }
        for (event, facts) in zip(result.events, events) {
            ICalCaseFacts(name: name, result: result, event: event, facts: facts).check()
        }
        #expect(Set(result.events.map(\.uid)).count == result.events.count, "\(name): uids distinct")
    }

    @Test("Events without a UID get the same derived UIDs on every import")
    func derivedUIDsAreStable() {
        let name = "34-missing-uid.ics"
        let first = ICalReader().read(FixtureFiles.bytes(ofCase: name), file: name)
        let second = ICalReader().read(FixtureFiles.bytes(ofCase: name), file: name)
        #expect(first.events.map(\.uid) == second.events.map(\.uid))
        #expect(first.events.allSatisfy { $0.sourceUID == nil && !$0.uid.isEmpty })
        #expect(first.warnings.allSatisfy { $0.message.contains("no UID") })
    }

    @Test("Distinct events sharing a UID are all kept, with a warning for each re-keyed one")
    func sharedUIDIsRekeyed() {
        let name = "35-duplicate-uid-distinct-events.ics"
        let result = ICalReader().read(FixtureFiles.bytes(ofCase: name), file: name)
        #expect(result.events.first?.uid == "atelier-189")
        #expect(result.warnings.count == 2)
        #expect(result.warnings.allSatisfy { !$0.message.contains("atelier") })
    }

    static func expectation(for name: String) -> [String: Any]? {
        let json = name.replacingOccurrences(of: ".ics", with: ".expected.json")
        let data = Data(FixtureFiles.bytes(ofCase: json))
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?["expected"] as? [String: Any]
    }
}

/// The facts an `.expected.json` lists about one event, checked against what was read.
struct ICalCaseFacts {
    let name: String
    let result: ICalReadResult
    let event: CalendarEvent
    let facts: [String: Any]

    func check() {
        if let uid = facts["uid"] as? String {
            if uid.hasPrefix("<") {
                #expect(event.sourceUID == nil && !event.uid.isEmpty, "\(name): derived uid")
            } else {
                #expect(event.uid == uid, "\(name): uid")
            }
        }
        if let uid = facts["uid_original"] as? String { #expect(event.sourceUID == uid, "\(name): uid_original") }
        if let summary = facts["summary"] as? String { #expect(event.summary == summary, "\(name): summary") }
        if let zone = facts["tzid_resolved"] as? String { #expect(event.start.timeZone == zone, "\(name): zone") }
        if let start = facts["start"] as? String { checkZoned(start) }
        if let start = facts["start_utc"] as? String { #expect(event.start.instant == Self.instant(start), "\(name)") }
        if let end = facts["end_utc"] as? String { #expect(event.end.instant == Self.instant(end), "\(name): end") }
        if let allDay = facts["all_day"] as? Bool { #expect(event.start.isAllDay == allDay, "\(name): all_day") }
        if facts.keys.contains("timezone") { #expect(event.start.timeZone == facts["timezone"] as? String) }
        if let date = facts["start_date"] as? String { #expect(Self.date(event.start) == date, "\(name): start") }
        if let date = facts["end_date_exclusive"] as? String { #expect(Self.date(event.end) == date, "\(name)") }
        if let days = facts["days"] as? [String] { #expect(self.days() == days, "\(name): days") }
        if let dates = facts["occurrences"] as? [String] {
            #expect(occurrences().map { Self.date($0.start) ?? "" } == dates, "\(name): occurrences")
        }
        if let instants = facts["occurrences_utc"] as? [String] {
            #expect(occurrences().map(\.start.instant) == instants.map(Self.instant), "\(name): occurrences")
        }
    }

    /// A start written with its offset: the same instant, and the event's zone has that offset then.
    private func checkZoned(_ text: String) {
        #expect(event.start.instant == Self.instant(text), "\(name): start")
        let sign = text.dropLast(6).last.map { _ in text.suffix(6).hasPrefix("-") ? -1 : 1 } ?? 1
        let parts = text.suffix(5).split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, let zoneName = event.start.timeZone, let zone = TimeZone(identifier: zoneName) else {
            Issue.record("\(name): start has no zone")
            return
        }
        #expect(zone.secondsFromGMT(for: event.start.instant) == sign * (parts[0] * 3600 + parts[1] * 60))
    }

    private func occurrences() -> [Occurrence] {
        let from = event.start.instant.addingTimeInterval(-86_400)
        return result.occurrences(of: event, from: from, to: from.addingTimeInterval(3 * 365 * 86_400))
    }

    private func days() -> [String] {
        guard case .date(let first) = event.start, case .date(let end) = event.end else { return [] }
        var days: [String] = []
        var day = LocalDateTime(date: first).instantInUTC
        while day < LocalDateTime(date: end).instantInUTC, days.count < 1000 {
            days.append(LocalDateTime(day, in: TimeZone(identifier: "UTC") ?? .current).date.description)
            day.addTimeInterval(86_400)
        }
        return days
    }

    static func date(_ time: EventTime) -> String? {
        guard case .date(let date) = time else { return nil }
        return date.description
    }

    static func instant(_ text: String) -> Date? {
        ISO8601DateFormatter().date(from: text)
    }
}
