import EcluseCore
import EcluseFormats
import EcluseLogging
import EcluseStore
import Foundation

/// Brings contacts from vCard and CSV files into the store, idempotently.
///
/// A file is read whole first. If any record in it is malformed, the file is refused and
/// nothing of it is stored (promise 9), unless the import is `partial`, which stores the valid
/// records and reports the others. Other files of the same run go on either way. A record is
/// matched to a stored subject by its UID, then by an email address, then by a phone number in
/// E.164; a record identical to what is stored changes nothing, so importing the same file
/// twice is a no-op.
public final class ContactImporter {
    private let store: any Store
    private let clock: any Clock
    private let logger: Logger
    private let phones: PhoneNumberNormaliser

    /// - Parameter defaultRegion: the country (ISO 3166, `FR`) that numbers written without a
    ///   country code are dialled from.
    public init(store: any Store, clock: any Clock = SystemClock(), defaultRegion: String = "FR", logger: Logger) {
        self.store = store
        self.clock = clock
        self.phones = PhoneNumberNormaliser(defaultRegion: defaultRegion)
        self.logger = logger
    }

    /// Imports one vCard or CSV file; never throws for bad input, which is in the result.
    ///
    /// - Parameters:
    ///   - format: `.vCard` or `.csv`; detected from the file when nil.
    ///   - mapping: for a CSV file whose columns are not a known layout.
    ///   - progress: called now and then with the records stored so far and the records read.
    public func importFile(
        at path: String,
        format: ImportFormat? = nil,
        mapping: CSVMapping? = nil,
        dryRun: Bool = false,
        partial: Bool = false,
        progress: (Int, Int) -> Void = { _, _ in }
    ) -> FileImportResult {
        var result = FileImportResult(file: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            return .unreadable(path)
        }
        let bytes = Array(data)
        let detected = format ?? ImportFormat.detect(path: path, bytes: bytes)
        result.format = detected
        do {
            // Records are stored as each piece of the file is read, inside one transaction: a
            // malformed record anywhere rolls everything back, unless the import is partial.
            try store.transaction {
                var run = try ImportRun(store: store, provenance: Provenance(source: path, importedAt: clock.now()))
                let expected = Self.estimatedRecords(in: bytes, format: detected)
                var refusing = false
                let known = run.known
                try eachPiece(of: bytes, file: path, format: detected, mapping: mapping, known: known) { piece in
                    result.warnings += piece.warnings
                    result.errors += piece.errors
                    result.skipped += piece.rejected
                    if !piece.errors.isEmpty, !partial { refusing = true }
                    guard !refusing else { return }
                    try store(piece.records, in: &run, into: &result) { done in progress(done, max(expected, done)) }
                }
                try run.flush(into: store)
                if result.errors.isEmpty, result.created + result.updated + result.unchanged == 0 {
                    result.warnings.append(
                        FormatWarning("the file holds no contact", at: SourceLocation(file: path, line: 0)))
                }
                if refusing { throw Refused() }
                if dryRun { throw DryRun() }
            }
        } catch is Refused {
            (result.created, result.updated, result.unchanged, result.skipped) = (0, 0, 0, 0)
            result.refused = true
            result.errors.sort { $0.location.line < $1.location.line }
        } catch is DryRun {
            result.dryRun = true
        } catch {
            result = .notStored(path, because: error)
        }
        logger.info(
            "file imported",
            metadata: [
                "file": .plain(path), "created": .plain("\(result.created)"), "updated": .plain("\(result.updated)"),
                "unchanged": .plain("\(result.unchanged)"), "skipped": .plain("\(result.skipped)"),
            ])
        return result
    }

    /// One piece of a file: the records it holds, checked, and what went wrong in it.
    struct Piece: Sendable {
        var records: [ImportRecord]
        var errors: [FormatError]
        var warnings: [FormatWarning]
        var rejected: Int
    }

    /// Hands the pieces of a file to `each` in order: a large vCard file in several pieces
    /// (parsed and prepared ahead on another thread), anything else in one.
    ///
    /// `known` holds the keys the store had before this file, so that records that match
    /// none of them are known to be new and made ready for storing ahead.
    private func eachPiece(
        of bytes: [UInt8], file: String, format: ImportFormat, mapping: CSVMapping?, known: MatchKeys,
        each: (Piece) throws -> Void
    ) throws {
        let phones = phones
        switch format {
        case .vCard:
            try VCardReader().readInPieces(
                bytes, file: file,
                preparing: { read in
                    Self.checked(
                        read.cards.map { ($0.contact, $0.location) }, errors: read.errors,
                        warnings: read.warnings + read.cards.flatMap(\.warnings), phones: phones, known: known)
                }, each: each)
        case .csv:
            let read = ContactCSVReader().read(bytes, file: file, mapping: mapping)
            try each(
                Self.checked(
                    read.contacts.map { ($0.contact, $0.location) }, errors: read.errors,
                    warnings: read.warnings + read.contacts.flatMap(\.warnings), phones: phones, known: known))
        case .iCalendar:
            let error = FormatError(
                "this is a calendar file, not a contacts file", at: SourceLocation(file: file, line: 1),
                fix: "contacts come from vCard or CSV files; calendars are read as appointments")
            try each(Piece(records: [], errors: [error], warnings: [], rejected: 0))
        }
    }

    /// The records of a piece with those whose owner is not a valid login taken out as errors,
    /// and each one's phone keys; a record with no key in `known` is also made ready to store.
    private static func checked(
        _ located: [(contact: Contact, location: SourceLocation)], errors: [FormatError], warnings: [FormatWarning],
        phones: PhoneNumberNormaliser, known: MatchKeys
    ) -> Piece {
        var errors = errors
        var records: [ImportRecord] = []
        records.reserveCapacity(located.count)
        for record in located {
            if let owner = record.contact.owner, !User.isValidLogin(owner) {
                errors.append(
                    FormatError(
                        "the owner is not a valid login", at: record.location,
                        fix: Self.loginRule))
            } else {
                records.append(ImportRecord(record.contact, phones: phones, known: known))
            }
        }
        let rejected = Set(errors.map(\.location.line)).count
        return Piece(records: records, errors: errors, warnings: warnings, rejected: rejected)
    }

    static let loginRule = "a login is 1 to 64 letters, digits, '.', '_', '-' or '@', starting with a letter or a digit"

    /// About how many records a file holds, for the progress line only.
    private static func estimatedRecords(in bytes: [UInt8], format: ImportFormat) -> Int {
        guard format == .vCard else { return bytes.lazy.filter { $0 == 0x0A }.count }
        let begin = Array("BEGIN:VCARD".utf8)
        var count = 0
        var index = 0
        while let found = bytes[index...].firstIndex(of: begin[0]) {
            if bytes[found...].starts(with: begin) { count += 1 }
            index = found + 1
        }
        return count
    }

    private func store(
        _ records: [ImportRecord], in run: inout ImportRun, into result: inout FileImportResult,
        progress: (Int) -> Void
    ) throws {
        for record in records {
            run.seen += 1
            if run.seen % 250 == 0 { progress(run.seen) }
            var contact = record.contact
            let keys = record.phoneKeys
            let found = try match(contact, phoneKeys: keys, sharesNoStoredKey: record.ready != nil, run: &run)
            if let found, run.touched.contains(found.id) {
                // Two records of one file with the same UID: the file is inconsistent, and the
                // first record stands.
                result.skipped += 1
                result.warnings.append(
                    FormatWarning(
                        "a record with the same UID as an earlier one in this file was left out",
                        at: SourceLocation(file: run.provenance.source, line: 0)))
                continue
            }
            if let existingID = found?.id {
                let existing = try store.contact(existingID)
                contact.id = existingID
                // A source that does not say who owns a contact, what its CRM UID, tags or
                // last interaction are, or what the subject said about consent (a phone's
                // export, say), keeps what the store knows rather than erasing it: a withdrawn
                // consent must never be lost to a file that is silent about it.
                if let existing { contact.keepingCRMFacts(of: existing) }
                run.touched.insert(existingID)
                if existing == contact {
                    result.unchanged += 1
                    continue
                }
                result.updated += 1
                try store.save(contact, provenance: run.provenance)
                try store.setPhoneKeys(keys, for: contact.id)
            } else {
                let new = record.ready ?? NewContact(contact.withNewID(), phoneKeys: keys)
                contact = new.contact
                result.created += 1
                run.pending.append(new)
                if run.pending.count >= 256 { try run.flush(into: store) }
            }
            run.remember(contact)
            run.touched.insert(contact.id)
            if let owner = contact.owner, !run.owners.contains(owner) {
                try store.save(User(login: owner))
                run.owners.insert(owner)
            }
        }
    }

    /// The stored subject this record describes: the one with its UID, else the only one that
    /// shares one of its email addresses, else the only one that shares a phone number.
    ///
    /// `known` holds every key the store had before this file, and the UIDs of this file's
    /// records so far: a key it lacks matches nothing, and the store is not asked (on a first
    /// import, no email or phone is known and no query runs). An email or phone that only this
    /// file brought is held only by subjects this file created or updated, which are never
    /// taken over, so it need not be asked either: a switchboard number shared by a thousand
    /// records of one file costs no query.
    ///
    /// Subjects that an earlier record of the same file created or updated are not taken
    /// over by email or phone: two people of one file who share an address (an `info@`, a
    /// switchboard) stay two people.
    ///
    /// With `sharesNoStoredKey` (the parsing thread found none of the record's keys among those
    /// the store held before the file), only an earlier record of the file can match, by UID.
    private func match(
        _ contact: Contact, phoneKeys: Set<String>, sharesNoStoredKey: Bool, run: inout ImportRun
    ) throws -> Match? {
        if let uid = contact.sourceUID, run.known.uids.contains(uid) {
            try run.flush(into: store)
            if let id = try store.contactID(matchingSourceUID: uid) { return Match(id: id, byUID: true) }
        }
        guard !sharesNoStoredKey else { return nil }
        for email in contact.emails where run.known.emails.contains(email.matchKey) {
            try run.flush(into: store)
            let candidates = try store.contactIDs(matchingEmail: email.value)
            if let id = try adoptable(candidates, by: contact, run: run) { return Match(id: id, byUID: false) }
        }
        for key in phoneKeys.sorted() where run.known.phones.contains(key) {
            try run.flush(into: store)
            let candidates = try store.contactIDs(matchingPhone: key)
            if let id = try adoptable(candidates, by: contact, run: run) { return Match(id: id, byUID: false) }
        }
        return nil
    }

    /// The one candidate a record may take over: never one that has a UID of its own
    /// different from the record's, nor one an earlier record of this file took; among
    /// several, only the one with the same name.
    private func adoptable(_ candidates: [SubjectID], by contact: Contact, run: ImportRun) throws -> SubjectID? {
        var open: [Contact] = []
        for id in candidates where !run.touched.contains(id) {
            guard let existing = try store.contact(id) else { continue }
            if contact.sourceUID == nil || existing.sourceUID == nil { open.append(existing) }
        }
        if open.count == 1 { return open[0].id }
        let named = open.filter { $0.displayName == contact.displayName }
        return named.count == 1 ? named[0].id : nil
    }

}

/// Thrown inside a dry run's transaction so that nothing it wrote is kept.
struct DryRun: Error {}

/// Thrown inside an import's transaction when a malformed record refuses the whole file.
struct Refused: Error {}

/// What one import keeps from record to record: the keys the store knew and the owners.
struct ImportRun {
    var known: MatchKeys
    var owners: Set<String>
    let provenance: Provenance
    var seen = 0
    /// The subjects this file has created or updated so far.
    var touched: Set<SubjectID> = []
    /// New subjects not written yet: they go to the store in batches, and before any query
    /// that could need them.
    var pending: [NewContact] = []

    init(store: any Store, provenance: Provenance) throws {
        known = try store.matchKeys()
        owners = Set(try store.users().map(\.login))
        self.provenance = provenance
    }

    /// Writes the new subjects held back so far.
    mutating func flush(into store: any Store) throws {
        guard !pending.isEmpty else { return }
        try store.insert(pending, provenance: provenance)
        pending.removeAll(keepingCapacity: true)
    }

    /// Notes the UID of a record just stored, so a later record with the same UID is found.
    /// Its emails and phones are not noted: see `ContactImporter.match`.
    mutating func remember(_ contact: Contact) {
        if let uid = contact.sourceUID { known.uids.insert(uid) }
    }
}

/// One record of a file, with the E.164 forms of its numbers.
struct ImportRecord: Sendable {
    var contact: Contact
    var phoneKeys: Set<String>
    /// The record made ready to insert, under a new id, when it shares no UID, email or phone
    /// with what the store held before the file: it is then new unless an earlier record of
    /// the same file has its UID, and the import checks that before using it.
    var ready: NewContact?

    init(_ contact: Contact, phones: PhoneNumberNormaliser, known: MatchKeys) {
        self.contact = contact
        phoneKeys = Set(contact.phones.compactMap { phones.e164($0.value) })
        let isNew =
            !(contact.sourceUID.map(known.uids.contains) ?? false)
            && !contact.emails.contains { known.emails.contains($0.matchKey) }
            && !phoneKeys.contains { known.phones.contains($0) }
        ready = isNew ? NewContact(contact.withNewID(), phoneKeys: phoneKeys) : nil
    }
}

extension Contact {
    /// The contact under a new record id.
    func withNewID() -> Contact {
        var contact = self
        contact.id = SubjectID(RecordID.make())
        return contact
    }
}

/// The stored subject a record was matched to, and whether by its UID.
struct Match {
    var id: SubjectID
    var byUID: Bool
}

extension Contact {
    /// Takes from `stored` the CRM facts this record does not carry.
    mutating func keepingCRMFacts(of stored: Contact) {
        owner = owner ?? stored.owner
        sourceUID = sourceUID ?? stored.sourceUID
        consent = consent ?? stored.consent
        lastInteraction = lastInteraction ?? stored.lastInteraction
        if tags.isEmpty { tags = stored.tags }
    }
}
