import EcluseCore
import Foundation
import Testing

@testable import EcluseFormats

/// Appointment rules: `appointment-details` and `erase-details`, and where they may go.
@Suite struct PolicyLoaderAppointmentTests {
    private let head = """
        purposes:
          meetings: { legal-basis: legitimate-interest }
        destinations:
          agenda: { kind: caldav, url: "http://127.0.0.1:5232/{user}/agenda/", scope: per-user, residency: eu }
          folder: { kind: vdir, path: out/agenda, residency: eu }
          phones: { kind: carddav, url: "http://127.0.0.1:5232/team/contacts/", residency: eu }

        """

    @Test func anAppointmentRuleReadsItsDetailsAndItsPeriod() throws {
        let text =
            head + """
                rules:
                  - purpose: meetings
                    to: agenda
                    appointment-details: [name, phone.work, email]
                    erase-details: 30d after end
                  - purpose: meetings
                    to: folder
                    appointment-details: [name]

                """
        let policy = try PolicyLoader().load(Array(text.utf8), file: "policy.yaml")
        #expect(policy.rules.map(\.eraseDetails) == [Period(days: 30), Period(days: 90)])
        #expect(policy.rules[0].fields.spellings == ["email", "name", "phone.work"])
        #expect(policy.destination(named: "agenda")?.items == .events)
        #expect(policy.destination(named: "folder")?.items == .events)
        #expect(policy.destination(named: "phones")?.items == .contacts)
    }

    @Test func eachMistakeIsNamedWithItsLine() {
        let cases: [(rules: String, line: Int, words: String)] = [
            ("  - { purpose: meetings, to: agenda, fields: [name] }\n", 8, "sends contacts to a caldav destination"),
            ("  - { purpose: meetings, to: phones, appointment-details: [name] }\n", 8, "to a carddav destination"),
            (
                "  - { purpose: meetings, to: agenda, appointment-details: [name], erase-details: 90 days }\n", 8,
                "\"erase-details\" should be a period"
            ),
            (
                "  - { purpose: meetings, to: agenda, appointment-details: [name], keep: 30d }\n", 8,
                "sends appointments, so \"keep\" does not apply"
            ),
            ("  - { purpose: meetings, to: agenda, appointment-details: [phone.desk] }\n", 8, "unknown field"),
            (
                "  - { purpose: meetings, to: folder, appointment-details: [name] }\n"
                    + "  - { purpose: meetings, to: folder, fields: [name] }\n", 9,
                "which an earlier rule fills with appointments"
            ),
        ]
        for (rules, line, words) in cases {
            let problems = PolicyFixtures.problems(head + "rules:\n" + rules)
            #expect(problems.count == 1, "\(rules): \(problems)")
            #expect(problems.first?.location.line == line, "\(rules)")
            #expect(problems.first?.message.contains(words) == true, "\(rules): \(problems)")
        }
    }
}

/// `approved-on` must be a day that exists.
@Suite struct ApprovedOnTests {
    @Test func onlyRealDaysAreAccepted() {
        for (text, valid) in [
            ("2026-11-30", true), ("2024-02-29", true), ("2026-02-29", false), ("2026-02-30", false),
            ("2026-04-31", false), ("2026-13-01", false), ("26-11-30", false), ("2026-1-30", false),
        ] {
            #expect(PolicyLoader.isISODate(text) == valid, "\(text)")
        }
    }
}
