import EcluseTesting
import Foundation
import Testing

/// A user's per-user collections receive nothing until their phone is attested.
@Suite("device preamble")
struct DevicePreambleTests {
    func policy(_ workspace: CLIWorkspace) -> String {
        """
        controller: { name: Exemple SARL }
        purposes:
          calls: { legal-basis: legitimate-interest }
        destinations:
          phones: { kind: vdir, path: "\(workspace.folder.file("out/phones/{user}"))", scope: per-user, residency: eu }
        rules:
          - { purpose: calls, to: phones, subjects: { owner: self }, fields: [name, phone.mobile] }
        device-preamble:
          conditions: [encrypted-storage, screen-lock, remote-wipe]
          valid-for: 30d

        """
    }

    func run(_ workspace: CLIWorkspace, at now: String, _ arguments: String...) throws -> EcluseProcess.Result {
        try EcluseProcess.run(
            ["--data", workspace.dataFolder] + arguments, environment: ["ECLUSE_NOW": now],
            scratch: workspace.folder.url)
    }

    @Test func onlyAttestedPhonesAreServedAndOnlyWhileTheAttestationHolds() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise(policy: policy(workspace))
        let file = try workspace.writeCards("crm.vcf", 1...4, owner: { $0.isMultiple(of: 2) ? "bruno" : "alice" })
        try workspace.succeed("import", file)

        let before = try run(workspace, at: "2026-12-01T09:00:00Z", "sync")
        #expect(
            before.stdout.contains(
                "phones/alice: 0 created, 0 updated, 0 deleted; held back: the user's phone has no current attestation")
        )

        let partial = try run(
            workspace, at: "2026-12-01T09:00:00Z", "device", "attest", "alice", "--conditions",
            "encrypted-storage,screen-lock", "--device", "Phone 15, system 18")
        #expect(partial.exitCode == 2 && partial.stderr.contains("lacks what the policy requires: remote-wipe"))

        let attested = try run(
            workspace, at: "2026-12-01T09:00:00Z", "device", "attest", "alice", "--conditions",
            "encrypted-storage,screen-lock,remote-wipe", "--device", "Phone 15, system 18")
        #expect(attested.stdout.contains("Recorded alice's phone, valid until 2026-12-31"), "\(attested)")

        let during = try run(workspace, at: "2026-12-10T09:00:00Z", "sync")
        #expect(during.stdout.contains("phones/alice: 2 created"), "\(during)")
        #expect(during.stdout.contains("phones/bruno: 0 created, 0 updated, 0 deleted; held back"))

        let devices = try run(workspace, at: "2027-01-05T09:00:00Z", "devices")
        #expect(devices.stdout.contains("alice: the user's phone has no current attestation of the device preamble"))
        let changed = try workspace.writeCards(
            "crm.vcf", 1...4, owner: { $0.isMultiple(of: 2) ? "bruno" : "alice" }, phone: { _ in "+33 1 00 00 00 77" })
        try workspace.succeed("import", changed)
        let after = try run(workspace, at: "2027-01-05T09:00:00Z", "sync")
        #expect(after.stdout.contains("phones/alice: 0 created, 0 updated, 0 deleted; held back"), "\(after)")
    }
}
