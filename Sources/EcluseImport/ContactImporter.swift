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
            result.refused = true
            result.errors.append(
                FormatError(
                    "cannot read the file", at: SourceLocation(file: path, line: 0),
                    fix: "check the path and that the file is readable"))
            return result
        }
        let bytes = Array(data)
        let detected = format ?? ImportFormat.detect(path: path, bytes: bytes)
        result.format = detected
        let read = records(in: bytes, file: path, format: detected, mapping: mapping)
        result.warnings = read.warnings
        result.errors = read.errors
        if !read.errors.isEmpty, !partial {
            result.refused = true
            return result
        }
        result.skipped = read.rejected
        do {
            try store.transaction {
                try store(read.records, from: path, into: &result, progress: progress)
                if dryRun { throw DryRun() }
            }
        } catch is DryRun {
            result.dryRun = true
        } catch {
            result = FileImportResult(file: path)
            result.refused = true
            result.notStored = true
            result.errors.append(
                FormatError(
                    "the store could not take the file: \(error)", at: SourceLocation(file: path, line: 0),
                    fix: "nothing of it was kept; import it again once the cause is fixed"))
        }
        logger.info(
            "file imported",
            metadata: [
                "file": .plain(path), "created": .plain("\(result.created)"), "updated": .plain("\(result.updated)"),
                "unchanged": .plain("\(result.unchanged)"), "skipped": .plain("\(result.skipped)"),
            ])
        return result
    }

    /// The contacts of a file, whatever its format, with what went wrong.
    private func records(
        in bytes: [UInt8], file: String, format: ImportFormat, mapping: CSVMapping?
    ) -> (records: [Contact], errors: [FormatError], warnings: [FormatWarning], rejected: Int) {
        var located: [(contact: Contact, location: SourceLocation)]
        var errors: [FormatError]
        var warnings: [FormatWarning]
        switch format {
        case .vCard:
            let read = VCardReader().read(bytes, file: file)
            located = read.cards.map { ($0.contact, $0.location) }
            (errors, warnings) = (read.errors, read.warnings + read.cards.flatMap(\.warnings))
        case .csv:
            let read = ContactCSVReader().read(bytes, file: file, mapping: mapping)
            located = read.contacts.map { ($0.contact, $0.location) }
            (errors, warnings) = (read.errors, read.warnings + read.contacts.flatMap(\.warnings))
        case .iCalendar:
            let error = FormatError(
                "this is a calendar file, not a contacts file", at: SourceLocation(file: file, line: 1),
                fix: "contacts come from vCard or CSV files; calendars are read as appointments")
            return ([], [error], [], 0)
        }
        located.removeAll { record in
            guard let owner = record.contact.owner, !User.isValidLogin(owner) else { return false }
            errors.append(
                FormatError(
                    "the owner is not a valid login", at: record.location,
                    fix: "a login is 1 to 64 letters, digits, '.', '_', '-' or '@', starting with a letter or a digit"))
            return true
        }
        if located.isEmpty, errors.isEmpty {
            warnings.append(
                FormatWarning(
                    "the file holds no contact", at: SourceLocation(file: file, line: 0)))
        }
        let rejected = Set(errors.map(\.location.line)).count
        return (located.map(\.contact), errors.sorted { $0.location.line < $1.location.line }, warnings, rejected)
    }

    private func store(
        _ contacts: [Contact],
        from path: String,
        into result: inout FileImportResult,
        progress: (Int, Int) -> Void
    ) throws {
        let provenance = Provenance(source: path, importedAt: clock.now())
        var owners = Set(try store.users().map(\.login))

        for (index, read) in contacts.enumerated() {
            if index % 250 == 0 { progress(index, contacts.count) }
            var contact = read
            let keys = phoneKeys(of: contact)
            if let existingID = try match(contact, phoneKeys: keys) {
                let existing = try store.contact(existingID)
                contact.id = existingID
                // A source that does not say who owns a contact, or what its CRM UID is (a
                // phone's export, say), keeps what the store knows rather than erasing it.
                contact.owner = contact.owner ?? existing?.owner
                contact.sourceUID = contact.sourceUID ?? existing?.sourceUID
                if existing == contact {
                    result.unchanged += 1
                    continue
                }
                result.updated += 1
            } else {
                contact.id = SubjectID(UUID().uuidString.lowercased())
                result.created += 1
            }
            try store.save(contact, provenance: provenance)
            try store.setPhoneKeys(keys, for: contact.id)
            if let owner = contact.owner, !owners.contains(owner) {
                try store.save(User(login: owner))
                owners.insert(owner)
            }
        }
    }

    /// The stored subject this record describes: the one with its UID, else the only one that
    /// shares one of its email addresses, else the only one that shares a phone number.
    private func match(_ contact: Contact, phoneKeys: Set<String>) throws -> SubjectID? {
        if let uid = contact.sourceUID, let id = try store.contactID(matchingSourceUID: uid) { return id }
        for email in contact.emails {
            if let id = try adoptable(try store.contactIDs(matchingEmail: email.value), by: contact) { return id }
        }
        for key in phoneKeys.sorted() {
            if let id = try adoptable(try store.contactIDs(matchingPhone: key), by: contact) { return id }
        }
        return nil
    }

    /// The one candidate a record may take over: never one of several (ambiguous), and never
    /// one that has a UID of its own different from the record's.
    private func adoptable(_ candidates: [SubjectID], by contact: Contact) throws -> SubjectID? {
        guard candidates.count == 1, let id = candidates.first else { return nil }
        let existing = try store.contact(id)
        return contact.sourceUID == nil || existing?.sourceUID == nil ? id : nil
    }

    private func phoneKeys(of contact: Contact) -> Set<String> {
        Set(contact.phones.compactMap { phones.e164($0.value) })
    }
}

/// Thrown inside a dry run's transaction so that nothing it wrote is kept.
struct DryRun: Error {}
