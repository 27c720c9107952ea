import EcluseCore
import EcluseLedger
import EcluseTesting
import Foundation
import Testing

@Suite struct LedgerVerifierTests {
    /// A chain of `count` entries, built as the store builds it.
    func chain(_ count: Int) -> [LedgerEntry] {
        var entries: [LedgerEntry] = []
        var previous = LedgerEntry.genesisHash
        for number in 1...count {
            let draft = LedgerDraft(
                recordedAt: Date(timeIntervalSince1970: 1_800_000_000 + Double(number)), action: .copyCreated,
                collection: CollectionKey(destination: "folder"), subject: "s-\(number)", copyUID: "uid-\(number)",
                contentHash: "hash-\(number)", fields: ["name"], policyVersion: "v1")
            let entry = LedgerEntry(draft: draft, sequence: Int64(number), previousHash: previous)
            entries.append(entry)
            previous = entry.hash
        }
        return entries
    }

    func head(_ entries: [LedgerEntry]) -> LedgerHead {
        LedgerHead(sequence: entries.last?.sequence ?? 0, hash: entries.last?.hash ?? LedgerEntry.genesisHash)
    }

    @Test func anIntactChainVerifies() {
        let entries = chain(5)
        #expect(LedgerVerifier().verify(entries, head: head(entries)) == .intact(entries: 5, head: entries[4].hash))
        #expect(LedgerVerifier().verify([], head: .empty) == .intact(entries: 0, head: LedgerEntry.genesisHash))
    }

    @Test func anEditedEntryIsNamed() {
        var entries = chain(5)
        let recorded = head(entries)
        entries[2].fields = ["name", "note"]
        #expect(
            LedgerVerifier().verify(entries, head: recorded)
                == .broken(LedgerBreak(sequence: 3, reason: "its content does not match its hash")))
    }

    @Test func aRemovedEntryIsNamed() {
        var entries = chain(5)
        let recorded = head(entries)
        entries.remove(at: 1)
        #expect(
            LedgerVerifier().verify(entries, head: recorded)
                == .broken(LedgerBreak(sequence: 2, reason: "it is missing")))
    }

    @Test func swappedEntriesAreNamed() {
        var entries = chain(5)
        let recorded = head(entries)
        entries.swapAt(1, 2)
        guard case .broken(let problem) = LedgerVerifier().verify(entries, head: recorded) else {
            Issue.record("a swap was not detected")
            return
        }
        #expect(problem.sequence == 2)
    }

    @Test func swappedContentsUnderKeptNumbersAreNamed() {
        var entries = chain(5)
        let recorded = head(entries)
        let second = entries[1]
        entries[1].subject = entries[2].subject
        entries[2].subject = second.subject
        guard case .broken(let problem) = LedgerVerifier().verify(entries, head: recorded) else {
            Issue.record("swapped contents were not detected")
            return
        }
        #expect(problem.sequence == 2)
    }

    @Test func removingTheNewestEntriesIsDetectedThroughTheHead() {
        let entries = chain(5)
        guard case .broken(let problem) = LedgerVerifier().verify(entries.dropLast(), head: head(entries)) else {
            Issue.record("a truncated ledger verified")
            return
        }
        #expect(problem.sequence == 5)
    }

    @Test func pseudonymsAreStablePerKeyAndCarryNoIdentifier() {
        let subject = SubjectID("3f1c-subject")
        let one = Pseudonymizer(key: Array(repeating: 1, count: 32))
        let other = Pseudonymizer(key: Array(repeating: 2, count: 32))
        #expect(one.pseudonym(for: subject) == one.pseudonym(for: subject))
        #expect(one.pseudonym(for: subject) != other.pseudonym(for: subject))
        #expect(!one.pseudonym(for: subject).contains("3f1c"))
        #expect(one.pseudonym(for: subject).count == 22)
    }
}

@Suite struct LedgerTimeTests {
    @Test func timesRoundTripToTheMillisecond() {
        for seconds in [0.0, 1_800_000_000.123, 1_733_330_467.999, 951_782_400.5, -1.25] {
            let date = Date(timeIntervalSince1970: seconds)
            let text = LedgerTime.format(date)
            #expect(LedgerTime.parse(text) == LedgerTime.rounded(date), "\(text)")
        }
        #expect(LedgerTime.format(Date(timeIntervalSince1970: 1_800_000_000.123)) == "2027-01-15T08:00:00.123Z")
    }

    @Test func otherShapesAreRefused() {
        for text in ["", "2027-01-15", "2027-01-15T08:00:00Z", "2027-13-15T08:00:00.123Z", "2027-01-15T08:00:00.12xZ"] {
            #expect(LedgerTime.parse(text) == nil, "\(text)")
        }
    }
}
