import EcluseCore
import EcluseTesting
import Foundation
import Testing

@Suite("logs carry no personal data")
struct LogPrivacyTests {
    @Test(arguments: [[], ["--log-level", "info"]])
    func aWholeRunLogsNoPersonalData(_ logging: [String]) throws {
        let workspace = CLIWorkspace()
        try workspace.folder.write("policy.yaml", workspace.teamPolicy())
        let file = try workspace.writeCards("crm.vcf", 1...4)
        let steps: [[String]] = [
            ["init", "--policy", workspace.policyPath], ["import", file], ["plan", "--explain"], ["sync"],
            [
                "import",
                try workspace.writeCards(
                    "changed.vcf", 1...4, categories: { $0 == 2 ? "supplier" : "customer" },
                    phone: { $0 == 3 ? "+33 1 00 00 00 98" : nil }),
            ],
            ["plan"], ["sync"], ["ledger", "verify"], ["ledger", "show"], ["contacts", "--limit", "2"],
        ]

        var logged = ""
        for step in steps {
            let result = try EcluseProcess.run(
                logging + ["--data", workspace.dataFolder] + step,
                scratch: workspace.folder.url)
            #expect(result.exitCode == 0, "\(step): \(result)")
            logged += result.stderr
        }

        for number in 1...4 {
            let person = Invented.contact(number)
            let personal =
                [person.displayName, person.birthday ?? "", person.note ?? ""]
                + person.emails.map(\.value) + person.phones.map(\.value) + person.addresses.compactMap(\.street)
            for value in personal where !value.isEmpty {
                #expect(!logged.contains(value), "the log shows \(value)")
            }
        }
        #expect(!logged.contains("+33 1 00 00 00 98"))
        #expect(!logged.contains("Private note"))
        #expect(!logged.contains("rue de l"))
    }
}
