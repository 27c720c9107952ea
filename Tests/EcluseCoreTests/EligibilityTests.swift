import EcluseCore
import Foundation
import Testing

@Suite struct EligibilityTests {
    let destination = Destination(name: "phones", kind: .carddav, attestations: ["eu-hosting", "eu-contract"])

    func attestation(_ kind: String, expires day: Int) -> Attestation {
        Attestation(
            destination: "phones", kind: kind, reference: "ref", documentSHA256: "00", issuer: "X",
            expiresOn: CalendarDate(year: 2026, month: 12, day: day), addedAt: Date(timeIntervalSince1970: 0))
    }

    func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text) ?? Date() }

    @Test func everyRequiredKindMustBeOnFileAndValid() {
        let onFile = [attestation("eu-hosting", expires: 31)]
        let missing = Eligibility(of: destination, attestations: onFile, at: at("2026-12-10T00:00:00Z"))
        #expect(!missing.isEligible)
        #expect(missing.reason == "no attestation on file for eu-contract")

        let both = onFile + [attestation("eu-contract", expires: 15)]
        #expect(Eligibility(of: destination, attestations: both, at: at("2026-12-15T23:59:59Z")).isEligible)
        let lapsed = Eligibility(of: destination, attestations: both, at: at("2026-12-16T00:00:00Z"))
        #expect(lapsed.reason == "the eu-contract attestation expired on 2026-12-15")
    }

    @Test func aRenewedAttestationKeepsTheDestinationEligible() {
        let onFile = [
            attestation("eu-hosting", expires: 1), attestation("eu-hosting", expires: 31),
            attestation("eu-contract", expires: 31),
        ]
        #expect(Eligibility(of: destination, attestations: onFile, at: at("2026-12-20T00:00:00Z")).isEligible)
    }

    @Test func anotherDestinationsAttestationDoesNotCount() {
        var other = attestation("eu-hosting", expires: 31)
        other.destination = "folder"
        let result = Eligibility(of: destination, attestations: [other], at: at("2026-12-01T00:00:00Z"))
        #expect(result.missing == ["eu-hosting", "eu-contract"])
    }

    @Test func anAttestationHoldsOnlyForThePlaceItWasFiledFor() {
        var filed = destination
        filed.settings = ["url": "https://dav.example.org/{user}/"]
        var onFile = [attestation("eu-hosting", expires: 31), attestation("eu-contract", expires: 31)]
        for index in onFile.indices { onFile[index].place = filed.place }
        #expect(Eligibility(of: filed, attestations: onFile, at: at("2026-12-10T00:00:00Z")).isEligible)

        var moved = filed
        moved.settings = ["url": "https://dav.example.net/{user}/"]
        let result = Eligibility(of: moved, attestations: onFile, at: at("2026-12-10T00:00:00Z"))
        #expect(!result.isEligible)
        #expect(result.moved == ["eu-hosting", "eu-contract"])
        #expect(result.reason?.contains("filed before the destination's url or path changed") == true)
    }

    @Test func aHeldBackPlanKeepsOnlyItsDeletes() {
        let key = CollectionKey(destination: "phones")
        let copy = DesiredCopy(
            collection: key, subject: SubjectID("s"), content: Contact(id: SubjectID("s")), fields: .none)
        let record = CopyRecord(
            collection: key, subject: SubjectID("t"), copyUID: "u", remoteID: "r", etag: nil, contentHash: "h",
            fields: [], createdAt: Date(), updatedAt: Date())
        let plan = CollectionPlan(
            collection: key, operations: [.create(copy), .update(copy, existing: record), .delete(record)])
        let held = plan.holdingBack(because: "no attestation")
        #expect(held.operations == [.delete(record)])
        #expect(held.heldBack == "no attestation")
    }
}
