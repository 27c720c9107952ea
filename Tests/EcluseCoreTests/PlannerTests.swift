import EcluseCore
import EcluseTesting
import Foundation
import Testing

@Suite struct PlannerTests {
    let key = CollectionKey(destination: "folder")
    let fields = FieldSet([FieldPath(.name), FieldPath(.phone, kind: "work")])

    func desired(_ number: Int, phone: String? = nil) -> DesiredCopy {
        var contact = Invented.contact(number)
        if let phone { contact.phones[0].value = phone }
        return DesiredCopy(collection: key, subject: contact.id, content: contact.minimised(to: fields), fields: fields)
    }

    func record(of copy: DesiredCopy) -> CopyRecord {
        CopyRecord(
            collection: key, subject: copy.subject, copyUID: copy.copyUID, remoteID: "\(copy.copyUID).vcf",
            etag: "1", contentHash: copy.contentHash, fields: copy.fields.spellings,
            createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func newSubjectsAreCreatedAndUnchangedOnesLeftAlone() {
        let first = desired(1)
        let plan = Planner().plan(key, desired: [first, desired(2)], existing: [record(of: first)])
        #expect(plan.creates == 1 && plan.updates == 0 && plan.deletes == 0)
        #expect(plan.operations.first?.subject == SubjectID("subject-2"))
    }

    @Test func aChangedAllowedFieldUpdatesExactlyThatCopy() {
        let before = [desired(1), desired(2)]
        let after = [desired(1, phone: "+33 1 00 00 00 99"), desired(2)]
        let plan = Planner().plan(key, desired: after, existing: before.map(record(of:)))
        #expect(plan.updates == 1 && plan.creates == 0 && plan.deletes == 0)
        #expect(plan.operations.first?.subject == SubjectID("subject-1"))
    }

    @Test func aChangeToAFieldThatDoesNotLeaveChangesNothing() {
        var contact = Invented.contact(1)
        let before = DesiredCopy(
            collection: key, subject: contact.id, content: contact.minimised(to: fields), fields: fields)
        contact.note = "a different private note"
        let after = DesiredCopy(
            collection: key, subject: contact.id, content: contact.minimised(to: fields), fields: fields)
        #expect(Planner().plan(key, desired: [after], existing: [record(of: before)]).operations.isEmpty)
    }

    @Test func copiesNoLongerDemandedAreDeleted() {
        let plan = Planner().plan(key, desired: [], existing: [record(of: desired(1))])
        #expect(plan.deletes == 1)
    }

    @Test func copyUIDsAreStableAndDifferPerCollection() {
        let subject = SubjectID("subject-1")
        #expect(key.copyUID(for: subject) == key.copyUID(for: subject))
        #expect(key.copyUID(for: subject) != CollectionKey(destination: "folder", user: "alice").copyUID(for: subject))
        #expect(key.copyUID(for: subject).hasPrefix("ecluse-"))
    }
}

@Suite struct KeepPeriodTests {
    let key = CollectionKey(destination: "folder")
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func copy(keep: KeepRule) -> DesiredCopy {
        let contact = Invented.contact(1)
        let fields = FieldSet([FieldPath(.name)])
        return DesiredCopy(
            collection: key, subject: contact.id, content: contact.minimised(to: fields), fields: fields, keep: keep)
    }

    func record(of copy: DesiredCopy) -> CopyRecord {
        CopyRecord(
            collection: key, subject: copy.subject, copyUID: copy.copyUID, remoteID: "r.vcf", etag: nil,
            contentHash: copy.contentHash, fields: [], createdAt: start, updatedAt: start)
    }

    @Test func aCopyGoesAtTheEndOfItsPeriodAndIsNotSentAgain() {
        let kept = copy(keep: .period(Period(days: 30)))
        let during = Planner().plan(key, desired: [kept], existing: [record(of: kept)], now: start + 29 * 86_400)
        #expect(during.operations.isEmpty)

        let after = Planner().plan(key, desired: [kept], existing: [record(of: kept)], now: start + 30 * 86_400)
        #expect(after.operations == [.delete(record(of: kept))])
        #expect(after.expiring == [kept.subject])

        let later = Planner().plan(
            key, desired: [kept], existing: [], now: start + 31 * 86_400, retired: [kept.subject])
        #expect(later.operations.isEmpty)
    }

    @Test func aRuleWithoutAPeriodSendsARetiredSubjectAgain() {
        let selected = copy(keep: .whileSelected)
        let plan = Planner().plan(key, desired: [selected], existing: [], now: start, retired: [selected.subject])
        #expect(plan.operations == [.create(selected)])
    }

    @Test func theLongestPeriodOfTheMatchingRulesWinsAndWhileSelectedBeatsAnyPeriod() {
        func rule(_ keep: KeepRule) -> Rule { Rule(purpose: "p", destination: "d", fields: .none, keep: keep) }
        let periods = Decision(
            matchedRules: [rule(.period(Period(days: 10))), rule(.period(Period(days: 40)))], fields: .none,
            reasons: [])
        #expect(periods.keep == .period(Period(days: 40)))
        let mixed = Decision(
            matchedRules: [rule(.period(Period(days: 10))), rule(.whileSelected)], fields: .none, reasons: [])
        #expect(mixed.keep == .whileSelected)
    }
}
