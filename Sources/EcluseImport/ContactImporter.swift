import EcluseCore
import EcluseFormats
import EcluseLogging
import EcluseStore
import Foundation

/// Brings contacts from files into the store, idempotently.
///
/// A file is read whole first; if any card in it is malformed the file is refused and nothing
/// of it is stored (promise 9), while other files of the same run go on. A card is matched to
/// a stored subject by its UID, then by an email address, then by a phone number in E.164; a
/// card identical to what is stored changes nothing, so importing the same file twice is a
/// no-op.
public final class ContactImporter {
    private let store: any Store
    private let clock: any Clock
    private let logger: Logger
    private let phones: PhoneNumberNormaliser
    private let reader = VCardReader()

    /// - Parameter defaultRegion: the country (ISO 3166, `FR`) that numbers written without a
    ///   country code are dialled from.
    public init(store: any Store, clock: any Clock = SystemClock(), defaultRegion: String = "FR", logger: Logger) {
        self.store = store
        self.clock = clock
        self.phones = PhoneNumberNormaliser(defaultRegion: defaultRegion)
        self.logger = logger
    }

    /// Imports one file; never throws for bad input, which is reported in the result.
    ///
    /// `progress` is called now and then with the cards stored so far and the cards read.
    public func importFile(
        at path: String,
        dryRun: Bool = false,
        progress: (Int, Int) -> Void = { _, _ in }
    ) -> FileImportResult {
        var result = FileImportResult(file: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            result.errors.append(
                FormatError(
                    "cannot read the file", at: SourceLocation(file: path, line: 0),
                    fix: "check the path and that the file is readable"))
            return result
        }
        let read = reader.read(Array(data), file: path)
        result.warnings = read.warnings + read.cards.flatMap(\.warnings)
        guard read.errors.isEmpty else {
            result.errors = read.errors
            return result
        }
        do {
            try store.transaction {
                try store(read.cards, from: path, into: &result, progress: progress)
                if dryRun { throw DryRun() }
            }
        } catch is DryRun {
            result.dryRun = true
        } catch {
            result = FileImportResult(file: path)
            result.errors.append(
                FormatError(
                    "the file could not be stored: \(error)", at: SourceLocation(file: path, line: 0),
                    fix: "nothing of it was kept; fix the cause and import it again"))
        }
        logger.info(
            "file imported",
            metadata: [
                "file": .plain(path), "created": .plain("\(result.created)"), "updated": .plain("\(result.updated)"),
                "unchanged": .plain("\(result.unchanged)"), "skipped": .plain("\(result.skipped)"),
            ])
        return result
    }

    private func store(
        _ cards: [ReadCard],
        from path: String,
        into result: inout FileImportResult,
        progress: (Int, Int) -> Void
    ) throws {
        let provenance = Provenance(source: path, importedAt: clock.now())
        var owners = Set(try store.users().map(\.login))

        for (index, card) in cards.enumerated() {
            if index % 250 == 0 { progress(index, cards.count) }
            var contact = card.contact
            let keys = phoneKeys(of: contact)
            if let existingID = try match(contact, phoneKeys: keys) {
                contact.id = existingID
                if try store.contact(existingID) == contact {
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

    /// The stored subject this card describes: the one with its UID, else the only one that
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

    /// The one candidate a card may take over: never one of several (ambiguous), and never one
    /// that has a UID of its own different from the card's.
    private func adoptable(_ candidates: [SubjectID], by contact: Contact) throws -> SubjectID? {
        guard candidates.count == 1, let id = candidates.first else { return nil }
        let existing = try store.contact(id)
        return contact.sourceUID == nil || existing?.sourceUID == nil ? id : nil
    }

    private func phoneKeys(of contact: Contact) -> Set<String> {
        Set(contact.phones.compactMap { phones.e164($0.value) })
    }
}

private struct DryRun: Error {}

/// What importing one file did.
public struct FileImportResult: Sendable {
    public var file: String
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    public var skipped = 0
    public var warnings: [FormatWarning] = []
    /// Why the file was refused; when not empty, nothing of the file was stored.
    public var errors: [FormatError] = []
    public var dryRun = false

    public init(file: String) { self.file = file }

    public var refused: Bool { !errors.isEmpty }
}
