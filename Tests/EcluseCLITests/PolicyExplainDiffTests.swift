import EcluseTesting
import Foundation
import Testing

@Suite("ecluse policy explain and diff")
struct PolicyExplainDiffTests {
    /// The old policy sends customers' names and work phones; the new one also sends their
    /// work email, and adds prospects.
    func policies(_ workspace: CLIWorkspace) throws -> (old: String, new: String) {
        let old = workspace.teamPolicy(fields: "[name, phone.work]")
        let new = workspace.teamPolicy(fields: "[name, phone.work, email.work]")
            .replacingOccurrences(of: "tags-any: [customer]", with: "tags-any: [customer, prospect]")
        return (try workspace.folder.write("old.yaml", old), try workspace.folder.write("new.yaml", new))
    }

    @Test func theDiffSaysWhatThePlanThenDoes() throws {
        let workspace = CLIWorkspace()
        let (old, new) = try policies(workspace)
        try workspace.initialise(policy: try String(contentsOfFile: old, encoding: .utf8))
        let categories: (Int) -> String = { [1, 2, 3].contains($0) ? "customer" : $0 == 4 ? "prospect" : "supplier" }
        try workspace.succeed("import", try workspace.writeCards("crm.vcf", 1...6, categories: categories))
        try workspace.succeed("sync", "--policy", old)

        let diff = try workspace.succeed("policy", "diff", old, new, "--json")
        let plan = try workspace.succeed("plan", "--policy", new, "--json")

        let change = try #require((try workspace.json(diff) as? [[String: Any]])?.first)
        let collection = try #require(
            ((try workspace.json(plan) as? [String: Any])?["collections"] as? [[String: Any]])?.first)
        #expect(change["starting"] as? Int == 1)
        #expect(change["changing"] as? Int == 3)
        #expect(change["stopping"] as? Int == 0)
        #expect(change["fieldsStarting"] as? [String] == ["email.work"])
        #expect(collection["creates"] as? Int == change["starting"] as? Int)
        #expect(collection["updates"] as? Int == change["changing"] as? Int)
        #expect(collection["deletes"] as? Int == change["stopping"] as? Int)
        let text = try workspace.succeed("policy", "diff", old, new).stdout
        #expect(text.contains("team-folder: 1 copies start, 0 stop, 3 change"))
        #expect(text.contains("fields that start leaving: email.work"))
        #expect(!text.contains("@example"), "the diff names subjects by pseudonym only")
    }

    @Test func explainNamesTheRuleOrEveryReason() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        try workspace.succeed(
            "import", try workspace.writeCards("crm.vcf", 1...2, categories: { $0 == 1 ? "customer" : "supplier" }))

        let selected = try workspace.succeed("policy", "explain", "--subject", "person1@example.org")
        let held = try workspace.succeed("policy", "explain", "--subject", "crm-2", "--destination", "team-folder")

        let rule = "account-directory → team-folder (line "
        #expect(selected.stdout.contains(" → team-folder: in, by " + rule), "\(selected)")
        #expect(selected.stdout.contains("fields email.work, name, organisation, phone.work, title"))
        #expect(held.stdout.contains(" → team-folder: out; " + rule), "\(held)")
        #expect(held.stdout.contains("has none of the tags customer"))
        #expect(!selected.stdout.contains("person1@"), "the subject appears by pseudonym only")
        let unknown = try workspace.ecluse("policy", "explain", "--subject", "nobody@example.org")
        #expect(unknown.exitCode == 2 && unknown.stderr.contains("no subject matches"))
    }

    @Test func anEmailSharedBySeveralSubjectsIsNotExplainedAsOne() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        let cards = ["shared-1", "shared-2"].map { uid in
            "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:\(uid)\r\nFN:Ana \(uid)\r\nN:\(uid);Ana;;;\r\n"
                + "EMAIL;TYPE=WORK:desk@example.org\r\nCATEGORIES:customer\r\nX-CRM-OWNER:alice\r\nEND:VCARD\r\n"
        }
        try workspace.succeed("import", try workspace.folder.write("shared.vcf", cards.joined()))

        let shared = try workspace.ecluse("policy", "explain", "--subject", "desk@example.org")

        #expect(shared.exitCode == 2, "\(shared)")
        #expect(shared.stderr.contains("2 subjects match") && shared.stderr.contains("s-"))
        #expect(!shared.stderr.contains("desk@") && !shared.stderr.contains("Ana"))
        #expect(try workspace.succeed("policy", "explain", "--subject", "shared-1").stdout.contains("in, by"))
    }
}
