import EcluseTesting
import Foundation
import Testing

@Suite("ecluse users")
struct UsersCommandTests {
    @Test func aRepeatedLoginOrEmailIsRefusedWithItsLineAndNothingIsStored() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        let cases = [
            (
                "login,display_name,email\nalice,Alice,a@example.org\nALICE,Alice B,b@example.org\n",
                "users.csv:3: the login is already on line 2"
            ),
            (
                "login,display_name,email\nalice,Alice,same@example.org\nbruno,Bruno,SAME@example.org\n",
                "users.csv:3: the email is already on line 2"
            ),
            (
                "login,display_name,email\n../x,X,x@example.org\n",
                "users.csv:2: the login is empty or not a valid login"
            ),
        ]
        for (text, message) in cases {
            let file = try workspace.folder.write("users.csv", text)
            let result = try workspace.ecluse("users", "import", file)
            #expect(result.exitCode == 2, "\(result)")
            #expect(result.stderr.contains(message), "\(result)")
            #expect(
                try workspace.succeed("users").stdout.hasSuffix("0 user(s)\n"), "nothing of a refused file is stored")
        }
    }

    @Test func addingTheOrganiserLaterGivesTheirAppointmentsAnOwner() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        let calendar = try workspace.folder.write(
            "agenda.ics",
            """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Test//EN\r
            BEGIN:VEVENT\r
            UID:meeting-1@example.org\r
            DTSTART:20261210T090000Z\r
            DTEND:20261210T100000Z\r
            SUMMARY:Rendez-vous\r
            ORGANIZER:mailto:Alice@Example.org\r
            ATTENDEE:mailto:person1@example.org\r
            END:VEVENT\r
            END:VCALENDAR\r

            """)
        try workspace.succeed("import", calendar)
        let before = try workspace.succeed("appointments", "--from", "2026-12-01", "--to", "2026-12-31")
        #expect(before.stdout.contains("· no owner ·"))

        let users = try workspace.folder.write("users.csv", "login,display_name,email\nalice,Alice,alice@example.org\n")
        try workspace.succeed("users", "import", users)
        let after = try workspace.succeed(
            "appointments", "--owner", "alice", "--from", "2026-12-01", "--to", "2026-12-31")

        #expect(after.stdout.contains("Rendez-vous · alice · "), "\(after)")
        #expect(after.stdout.contains("1 occurrence(s)"))
    }

    @Test func anUnknownPhoneRegionIsRefused() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        let file = try workspace.writeCards("crm.vcf", 1...1)
        let result = try workspace.ecluse("import", "--region", "ZZ", file)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("unknown region ZZ for phone numbers"))
    }
}
