import EcluseCore
import EcluseLedger
import Foundation

/// Everything Ecluse keeps: subjects, users, copies, the ledger, policy versions.
///
/// One interface for every backend: SQLite now, PostgreSQL when several workers share the
/// work; both must pass the same contract tests. A store holds a database connection, so it
/// is confined to one task at a time and is not `Sendable`.
///
/// The ledger is written only together with the copies table (`recordWrite`,
/// `recordDelete`): a confirmed remote change and its ledger entry land in one transaction
/// or not at all.
public protocol Store: AnyObject {
    /// Runs `body` in one transaction; nothing it wrote remains if it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T

    // MARK: Subjects

    func contact(_ id: SubjectID) throws(StoreError) -> Contact?
    func contactID(matchingSourceUID uid: String) throws(StoreError) -> SubjectID?
    /// Subjects with this email address (case and spaces ignored): at most twenty, enough to
    /// pick one by name among a few without reading a crowd.
    func contactIDs(matchingEmail email: String) throws(StoreError) -> [SubjectID]
    /// Subjects with a phone number whose E.164 form is `e164`: at most twenty, as above. A
    /// switchboard number shared by hundreds must not make every import read them all.
    func contactIDs(matchingPhone e164: String) throws(StoreError) -> [SubjectID]
    /// Replaces the E.164 forms of a subject's phone numbers, used to match re-imports.
    func setPhoneKeys(_ keys: Set<String>, for subject: SubjectID) throws(StoreError)
    /// Every UID, email address and E.164 phone number the stored contacts have, so that an
    /// import can skip asking for the many keys that match nothing.
    func matchKeys() throws(StoreError) -> MatchKeys
    /// Stores contacts that are not in the store yet, each with the E.164 forms of its numbers,
    /// in as few statements as the store allows: a first import is mostly this.
    func insert(_ contacts: [NewContact], provenance: Provenance) throws(StoreError)
    /// Inserts or replaces a contact, noting where it came from.
    func save(_ contact: Contact, provenance: Provenance) throws(StoreError)
    func allContacts() throws(StoreError) -> [Contact]
    /// Contacts whose name, organisation, email or phone contains `text`, by display name.
    func searchContacts(_ text: String?, limit: Int) throws(StoreError) -> [Contact]
    func contactCount() throws(StoreError) -> Int

    // MARK: Appointments

    /// The stored appointment with this match key (see `Appointment.matchKey`).
    func appointment(matchingKey key: String) throws(StoreError) -> Appointment?
    /// Inserts or replaces an appointment, noting where it came from.
    func save(_ appointment: Appointment, provenance: Provenance) throws(StoreError)
    /// Appointments of `owner` (every owner when nil), by start.
    func appointments(owner: String?) throws(StoreError) -> [Appointment]
    /// Makes `login` the owner of every appointment organised from `email`.
    func assignAppointments(organisedBy email: String, to login: String) throws(StoreError)
    /// The subjects among `emails`: the contacts that have one of these addresses.
    func contactIDs(matchingAnyEmail emails: [String]) throws(StoreError) -> [SubjectID]

    // MARK: Users

    func users() throws(StoreError) -> [User]
    func save(_ user: User) throws(StoreError)

    // MARK: Copies and the ledger

    func copies(in collection: CollectionKey) throws(StoreError) -> [CopyRecord]
    func copyCount() throws(StoreError) -> Int
    func allCopies() throws(StoreError) -> [CopyRecord]
    /// Records a confirmed create or update: the copy row and its ledger entry, atomically.
    @discardableResult
    func recordWrite(_ copy: CopyRecord, entry: LedgerDraft) throws(StoreError) -> LedgerEntry
    /// Records a confirmed delete: removes the copy row and appends the entry, atomically.
    /// With `retiring`, the subject is also marked as taken back at the end of a kept period.
    @discardableResult
    func recordDelete(_ copy: CopyRecord, entry: LedgerDraft, retiring: Bool) throws(StoreError) -> LedgerEntry
    /// Records something served on request (a vCard download, a QR code shown): a ledger
    /// entry with no copy row, since Ecluse cannot take such a copy back.
    @discardableResult
    func recordServed(_ entry: LedgerDraft) throws(StoreError) -> LedgerEntry
    /// Records the version tags a destination gave copies whose content it kept as Ecluse
    /// wrote it (a server that rewrote an item, or moved its etag alone). No ledger entry:
    /// nothing was sent.
    func recordVersionTags(of copies: [CopyRecord]) throws(StoreError)
    /// The subjects retired from a collection at the end of a kept period.
    func retiredSubjects(in collection: CollectionKey) throws(StoreError) -> Set<SubjectID>
    /// Ledger entries in order, starting after `sequence`.
    func ledgerEntries(after sequence: Int64, limit: Int) throws(StoreError) -> [LedgerEntry]
    func ledgerHead() throws(StoreError) -> LedgerHead
    /// The copies whose last ledger entry is missing or names another copy or content: a
    /// ledger emptied or cut short would otherwise verify while copies are out there.
    func copiesWithoutTheirLedgerEntry() throws(StoreError) -> [CopyRecord]

    // MARK: Attestations

    /// Files an attestation (they are never edited: a renewed document is a new one).
    func add(_ attestation: Attestation) throws(StoreError)
    /// The attestations on file, by destination, kind and expiry.
    func attestations() throws(StoreError) -> [Attestation]
    /// Records a user's attestation of their phone (the device preamble).
    func add(_ attestation: DeviceAttestation) throws(StoreError)
    /// The device attestations on file, oldest first.
    func deviceAttestations() throws(StoreError) -> [DeviceAttestation]

    // MARK: Intents

    /// Records operations about to be sent (one per subject and collection, replacing any).
    func recordIntents(_ intents: [Intent]) throws(StoreError)
    func clearIntent(in collection: CollectionKey, subject: SubjectID) throws(StoreError)
    /// The operations whose outcome was never recorded: a run ended while they were sent.
    func intents() throws(StoreError) -> [Intent]

    // MARK: Planning state

    /// A counter that grows with every change to appointments, users and attestations, by
    /// any writer.
    func revision() throws(StoreError) -> Int64
    /// The number of the last change to a subject (any writer); subjects' changes are listed.
    func subjectChanges() throws(StoreError) -> Int64
    /// The subjects changed after change number `sequence`, up to `last`.
    func subjectsChanged(after sequence: Int64, upTo last: Int64) throws(StoreError) -> [SubjectID]
    /// Drops the list of changes up to `sequence`, once a plan has taken them in.
    func forgetSubjectChanges(upTo sequence: Int64) throws(StoreError)
    /// What the last complete sync left: see `SyncEngine`. Nil when there is none.
    func planFingerprint() throws(StoreError) -> String?
    func setPlanFingerprint(_ fingerprint: String?) throws(StoreError)

    /// What the connector said of a collection at `location` when a sync last acted on its
    /// listing (see `Connector.listItems(known:since:)`); nil when nothing is kept.
    func listingState(of collection: CollectionKey, at location: String) throws(StoreError) -> String?
    /// Keeps `state` for the next listing of the collection at `location`, or forgets it (nil).
    func setListingState(_ state: String?, of collection: CollectionKey, at location: String, now: Date)
        throws(StoreError)

    // MARK: Policy and keys

    /// Keeps the text of a policy version the first time it is used.
    func recordPolicyVersion(_ version: String, text: String, at date: Date) throws(StoreError)
    /// The texts of the policy versions used so far, newest first.
    func policyVersionTexts() throws(StoreError) -> [String]
    /// The key behind subject pseudonyms; created with the store.
    func pseudonymKey() throws(StoreError) -> [UInt8]
}

extension Store {
    /// Records a confirmed delete of a copy whose subject left the rules.
    @discardableResult
    public func recordDelete(_ copy: CopyRecord, entry: LedgerDraft) throws(StoreError) -> LedgerEntry {
        try recordDelete(copy, entry: entry, retiring: false)
    }
}

/// Where a record came from: the file and the time of its import.
public struct Provenance: Sendable, Hashable {
    public var source: String
    public var importedAt: Date

    public init(source: String, importedAt: Date) {
        self.source = source
        self.importedAt = importedAt
    }
}

/// The keys an import matches records on, as the store holds them.
public struct MatchKeys: Sendable {
    public var uids: Set<String>
    /// Email addresses, trimmed and lowercased.
    public var emails: Set<String>
    public var phones: Set<String>

    public init(uids: Set<String> = [], emails: Set<String> = [], phones: Set<String> = []) {
        self.uids = uids
        self.emails = emails
        self.phones = phones
    }
}
