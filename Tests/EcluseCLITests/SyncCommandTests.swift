import EcluseCore
import EcluseTesting
import Foundation
import Testing

@Suite("ecluse sync to a vdir folder")
struct SyncCommandTests {
    @Test func aSecondSyncRightAfterTheFirstWritesNothing() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...4))
        try workspace.succeed("sync")
        let files = try workspace.vcfFiles(in: workspace.teamFolder)
        let dates = try workspace.modificationDates(in: workspace.teamFolder)

        let plan = try workspace.succeed("plan", "--json")
        let second = try workspace.succeed("sync")

        #expect(files.count == 4)
        #expect(try #require(try workspace.json(plan) as? [String: Any])["operations"] as? Int == 0)
        #expect(second.stdout.contains("team-folder: 0 created, 0 updated, 0 deleted"))
        #expect(second.stdout.contains("Sync done: 0 change(s) recorded in the ledger"))
        #expect(try workspace.vcfFiles(in: workspace.teamFolder) == files)
        #expect(try workspace.modificationDates(in: workspace.teamFolder) == dates)
    }

    @Test func aChangedWorkPhoneUpdatesExactlyOneCopy() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...4))
        try workspace.succeed("sync")
        let before = try workspace.vcfFiles(in: workspace.teamFolder)
        let entriesBefore = try ledgerActions(in: workspace)

        let newPhone = "+33 1 00 00 00 99"
        let changedFile = try workspace.writeCards("crm.vcf", 1...4, phone: { $0 == 2 ? newPhone : nil })
        try workspace.succeed("import", changedFile)
        let sync = try workspace.succeed("sync")

        let after = try workspace.vcfFiles(in: workspace.teamFolder)
        let changed = after.keys.filter { after[$0] != before[$0] }
        #expect(sync.stdout.contains("team-folder: 0 created, 1 updated, 0 deleted"))
        #expect(Set(after.keys) == Set(before.keys))
        #expect(changed.count == 1)
        let changedText = String(decoding: try #require(changed.first.flatMap { after[$0] }), as: UTF8.self)
        #expect(changedText.contains(newPhone))
        #expect(try ledgerActions(in: workspace) == entriesBefore + ["copy.update"])
    }

    @Test func aContactThatLeavesEveryRuleLosesItsCopy() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...4))
        try workspace.succeed("sync")
        let before = try workspace.vcfFiles(in: workspace.teamFolder)
        let entriesBefore = try ledgerActions(in: workspace)

        let supplier = try workspace.writeCards("crm.vcf", 1...4, categories: { $0 == 3 ? "supplier" : "customer" })
        try workspace.succeed("import", supplier)
        let sync = try workspace.succeed("sync")

        let after = try workspace.vcfFiles(in: workspace.teamFolder)
        let removed = Set(before.keys).subtracting(after.keys)
        #expect(sync.stdout.contains("team-folder: 0 created, 0 updated, 1 deleted"))
        #expect(removed.count == 1)
        #expect(after.count == 3)
        let removedText = String(decoding: try #require(removed.first.flatMap { before[$0] }), as: UTF8.self)
        #expect(removedText.contains(Invented.contact(3).displayName))
        #expect(after.allSatisfy { before[$0.key] == $0.value })
        #expect(try ledgerActions(in: workspace) == entriesBefore + ["copy.delete"])
    }

    @Test func fieldsNoRuleAllowsNeverReachTheFolder() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...6))

        try workspace.succeed("sync")

        let files = try workspace.vcfFiles(in: workspace.teamFolder)
        #expect(files.count == 6)
        let forbidden = [
            "NOTE", "BDAY", "ADR", "TYPE=HOME", "X-CRM-OWNER", "CATEGORIES", "rue de l", "Private note",
            "@example.net", "+33 4 00", "+33 6 00", "customer",
        ]
        for (name, data) in files {
            let text = String(decoding: data, as: UTF8.self).uppercased()
            for word in forbidden {
                #expect(!text.contains(word.uppercased()), "\(name) carries \(word)")
            }
        }
    }

    @Test func eachSalespersonGetsAFolderWithOnlyTheirContacts() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise(policy: perUserPolicy)
        let owners = [1: "alice", 2: "bob", 3: "alice", 4: "bob", 5: "carol", 6: "alice"]
        let file = try workspace.writeCards("crm.vcf", 1...6, owner: { owners[$0] ?? "" })
        try workspace.succeed("import", file)

        try workspace.succeed("sync")

        for login in ["alice", "bob", "carol"] {
            let folder = URL(fileURLWithPath: workspace.dataFolder).appendingPathComponent("out/phones/\(login)")
            let texts = try workspace.vcfFiles(in: folder).values.map { String(decoding: $0, as: UTF8.self) }
            let expected = owners.filter { $0.value == login }.keys
            #expect(texts.count == expected.count, "\(login)")
            for number in 1...6 {
                let name = Invented.contact(number).displayName
                let present = texts.contains { $0.contains("FN:\(name)\r\n") || $0.contains("FN:\(name)\n") }
                #expect(present == expected.contains(number), "\(login)'s folder and \(name)")
            }
        }
    }

    private var perUserPolicy: String {
        """
        controller:
          name: Exemple SARL
          dpo: dpo@example.org
        purposes:
          calls-on-the-road:
            legal-basis: legitimate-interest
            description: Salespeople call the accounts they own.
        destinations:
          sales-phones:
            kind: vdir
            path: out/phones/{user}
            scope: per-user
            residency: eu
        rules:
          - purpose: calls-on-the-road
            to: sales-phones
            subjects: { owner: self, tags-any: [customer] }
            fields: [name, organisation, phone.work, email.work]
            keep: while-selected

        """
    }

    @Test func aDestinationTakenOutOfThePolicyHasItsCopiesTakenBack() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...3))
        try workspace.succeed("sync")
        #expect(try workspace.vcfFiles(in: workspace.teamFolder).count == 3)

        let renamed = workspace.teamPolicy()
            .replacingOccurrences(of: "team-folder:", with: "other-folder:")
            .replacingOccurrences(of: "to: team-folder", with: "to: other-folder")
            .replacingOccurrences(of: workspace.teamFolder.path, with: workspace.folder.file("out/other-folder"))
        try workspace.folder.write("renamed.yaml", renamed)

        let plan = try workspace.succeed("plan", "--policy", workspace.folder.file("renamed.yaml"))
        #expect(plan.stdout.contains("team-folder: 0 to create, 0 to update, 3 to delete (no longer in the policy"))
        let sync = try workspace.succeed("sync", "--policy", workspace.folder.file("renamed.yaml"))
        #expect(sync.stdout.contains("team-folder: 0 created, 0 updated, 3 deleted"))
        #expect(try workspace.vcfFiles(in: workspace.teamFolder).isEmpty)
        #expect(try workspace.vcfFiles(in: workspace.folder.url.appendingPathComponent("out/other-folder")).count == 3)
        #expect(try ledgerActions(in: workspace).filter { $0 == "copy.delete" }.count == 3)
    }

    @Test func aDestinationThatMovesTakesItsCopiesAlong() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...4))
        try workspace.succeed("sync")
        let newFolder = workspace.folder.url.appendingPathComponent("out/moved-folder")
        let moved = workspace.teamPolicy().replacingOccurrences(of: workspace.teamFolder.path, with: newFolder.path)
        try workspace.folder.write("moved.yaml", moved)

        let sync = try workspace.succeed("sync", "--policy", workspace.folder.file("moved.yaml"))

        #expect(try workspace.vcfFiles(in: workspace.teamFolder).isEmpty, "\(sync)")
        #expect(try workspace.vcfFiles(in: newFolder).count == 4)
        let actions = try ledgerActions(in: workspace)
        #expect(actions.filter { $0 == "copy.delete" }.count == 4)
        #expect(actions.filter { $0 == "copy.create" }.count == 8)
        let again = try workspace.succeed("plan", "--json", "--policy", workspace.folder.file("moved.yaml"))
        #expect((try workspace.json(again) as? [String: Any])?["operations"] as? Int == 0)
    }

    @Test func aLoginThatWouldClimbOutOfItsFolderIsRefusedAtImport() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        let file = try workspace.writeCards("crm.vcf", 1...2, owner: { $0 == 2 ? "../../escape" : "alice" })

        let result = try workspace.ecluse("import", file)

        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("the owner is not a valid login"), "\(result)")
        #expect(try workspace.succeed("users", "--json").stdout.contains("escape") == false)
    }

    private func ledgerActions(in workspace: CLIWorkspace) throws -> [String] {
        let result = try workspace.succeed("ledger", "show", "--json", "--limit", "1000")
        let entries = try #require(try workspace.json(result) as? [[String: Any]])
        return entries.compactMap { $0["action"] as? String }
    }
}

@Suite("keep periods")
struct KeepPeriodCommandTests {
    func run(_ workspace: CLIWorkspace, at now: String, _ arguments: String...) throws -> EcluseProcess.Result {
        try EcluseProcess.run(
            ["--data", workspace.dataFolder] + arguments, environment: ["ECLUSE_NOW": now],
            scratch: workspace.folder.url)
    }

    @Test func aCopyKeptForAPeriodIsTakenBackThenAndNotSentAgain() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise(
            policy: workspace.teamPolicy().replacingOccurrences(
                of: "keep: while-selected", with: "keep: 30d after copy"))
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...2))

        let first = try run(workspace, at: "2026-12-01T09:00:00Z", "sync")
        let during = try run(workspace, at: "2026-12-30T09:00:00Z", "sync")
        let end = try run(workspace, at: "2026-12-31T09:00:01Z", "sync")
        let later = try run(workspace, at: "2027-01-15T09:00:00Z", "sync")

        #expect(first.stdout.contains("team-folder: 2 created"), "\(first)")
        #expect(during.stdout.contains("team-folder: 0 created, 0 updated, 0 deleted"))
        #expect(end.stdout.contains("team-folder: 0 created, 0 updated, 2 deleted"), "\(end)")
        #expect(later.stdout.contains("team-folder: 0 created, 0 updated, 0 deleted"), "\(later)")
        #expect(try workspace.vcfFiles(in: workspace.teamFolder).isEmpty)
        let explained = try run(workspace, at: "2027-01-15T09:00:00.250Z", "policy", "explain", "--subject", "crm-1")
        #expect(explained.stdout.contains("its copy was taken back at the end of its kept period"), "\(explained)")
    }

    @Test func aKeepThatIsNotAPeriodIsRefusedWithItsLine() throws {
        let workspace = CLIWorkspace()
        try workspace.folder.write(
            "policy.yaml",
            workspace.teamPolicy().replacingOccurrences(of: "keep: while-selected", with: "keep: forever"))
        let result = try workspace.ecluse("policy", "check", "--policy", workspace.policyPath)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("\"keep\" should be while-selected, or a period such as \"30d after copy\""))
    }
}
