import EcluseCore
import EcluseLedger
import Foundation

extension SQLiteStore {
    private static let copyColumns = """
        destination, collection_user, subject_id, copy_uid, remote_id, etag, content_hash, fields,
        created_at, updated_at, location
        """

    private static var qualifiedCopyColumns: String {
        copyColumns.split(separator: ",").map { "c." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .joined(separator: ", ")
    }

    public func copies(in collection: CollectionKey) throws(StoreError) -> [CopyRecord] {
        try database.query(
            """
            SELECT \(unsafeSQL: Self.copyColumns) FROM copies
            WHERE destination = \(collection.destination) AND collection_user = \(collection.user)
            ORDER BY subject_id
            """, Self.copy)
    }

    public func allCopies() throws(StoreError) -> [CopyRecord] {
        try database.query(
            """
            SELECT \(unsafeSQL: Self.copyColumns) FROM copies ORDER BY destination, collection_user, subject_id
            """, Self.copy)
    }

    @discardableResult
    public func recordWrite(_ copy: CopyRecord, entry draft: LedgerDraft) throws(StoreError) -> LedgerEntry {
        try inTransaction { () throws(StoreError) in
            let entry = try append(draft)
            try database.run(
                """
                INSERT INTO copies (\(unsafeSQL: Self.copyColumns), ledger_sequence)
                VALUES (\(copy.collection.destination), \(copy.collection.user), \(copy.subject.rawValue),
                        \(copy.copyUID), \(copy.remoteID), \(copy.etag), \(copy.contentHash),
                        \(copy.fields.joined(separator: ",")), \(LedgerTime.format(copy.createdAt)),
                        \(LedgerTime.format(copy.updatedAt)), \(copy.location), \(entry.sequence))
                ON CONFLICT(destination, collection_user, subject_id) DO UPDATE SET
                    copy_uid = excluded.copy_uid, remote_id = excluded.remote_id, etag = excluded.etag,
                    content_hash = excluded.content_hash, fields = excluded.fields,
                    updated_at = excluded.updated_at, location = excluded.location,
                    ledger_sequence = excluded.ledger_sequence
                """)
            return entry
        }
    }

    @discardableResult
    public func recordDelete(
        _ copy: CopyRecord, entry draft: LedgerDraft, retiring: Bool = false
    ) throws(StoreError) -> LedgerEntry {
        try inTransaction { () throws(StoreError) in
            let entry = try append(draft)
            if retiring {
                try database.run(
                    """
                    INSERT INTO retired_copies (destination, collection_user, subject_id, retired_at)
                    VALUES (\(copy.collection.destination), \(copy.collection.user), \(copy.subject.rawValue),
                            \(LedgerTime.format(draft.recordedAt)))
                    ON CONFLICT DO NOTHING
                    """)
            }
            try database.run(
                """
                DELETE FROM copies WHERE destination = \(copy.collection.destination)
                AND collection_user = \(copy.collection.user) AND subject_id = \(copy.subject.rawValue)
                """)
            return entry
        }
    }

    @discardableResult
    public func recordServed(_ draft: LedgerDraft) throws(StoreError) -> LedgerEntry {
        try inTransaction { () throws(StoreError) in try append(draft) }
    }

    public func retiredSubjects(in collection: CollectionKey) throws(StoreError) -> Set<SubjectID> {
        Set(
            try database.query(
                """
                SELECT subject_id FROM retired_copies
                WHERE destination = \(collection.destination) AND collection_user = \(collection.user)
                """
            ) { SubjectID($0.text(0)) })
    }

    public func ledgerEntries(after sequence: Int64, limit: Int) throws(StoreError) -> [LedgerEntry] {
        try database.query(
            """
            SELECT sequence, recorded_at, action, destination, collection_user, subject, copy_uid, content_hash,
                   fields, policy_version, previous_hash, hash
            FROM ledger WHERE sequence > \(sequence) ORDER BY sequence LIMIT \(limit)
            """
        ) { row throws(StoreError) in
            guard let date = LedgerTime.parse(row.text(1)), let action = LedgerAction(rawValue: row.text(2)) else {
                throw StoreError(
                    .corrupt, "ledger entry \(row.int64(0)) cannot be read",
                    fix: "run `ecluse ledger verify` to find where the ledger was altered")
            }
            let fields = row.text(8)
            return LedgerEntry(
                sequence: row.int64(0), recordedAt: date, action: action, destination: row.text(3),
                collectionUser: row.text(4), subject: row.text(5), copyUID: row.text(6), contentHash: row.text(7),
                fields: fields.isEmpty ? [] : fields.components(separatedBy: ","), policyVersion: row.text(9),
                previousHash: row.text(10), hash: row.text(11))
        }
    }

    public func copiesWithoutTheirLedgerEntry() throws(StoreError) -> [CopyRecord] {
        try database.query(
            """
            SELECT \(unsafeSQL: Self.qualifiedCopyColumns)
            FROM copies c LEFT JOIN ledger l ON l.sequence = c.ledger_sequence
            WHERE l.sequence IS NULL OR l.copy_uid != c.copy_uid OR l.content_hash != c.content_hash
            ORDER BY c.ledger_sequence
            """, Self.copy)
    }

    public func ledgerHead() throws(StoreError) -> LedgerHead {
        guard let bytes = try meta("ledger-head") else { return .empty }
        let parts = String(decoding: bytes, as: UTF8.self).split(separator: " ")
        guard parts.count == 2, let sequence = Int64(parts[0]) else {
            throw StoreError(
                .corrupt, "the ledger head record is damaged",
                fix: "run `ecluse ledger verify`; restore the data folder from a backup")
        }
        return LedgerHead(sequence: sequence, hash: String(parts[1]))
    }

    /// Appends an entry after the recorded head and moves the head; call inside a transaction.
    func append(_ draft: LedgerDraft) throws(StoreError) -> LedgerEntry {
        let head = try ledgerHead()
        var rounded = draft
        rounded.recordedAt = LedgerTime.rounded(draft.recordedAt)
        let entry = LedgerEntry(draft: rounded, sequence: head.sequence + 1, previousHash: head.hash)
        try database.run(
            """
            INSERT INTO ledger (sequence, recorded_at, action, destination, collection_user, subject, copy_uid,
                                content_hash, fields, policy_version, previous_hash, hash)
            VALUES (\(entry.sequence), \(LedgerTime.format(entry.recordedAt)), \(entry.action.rawValue),
                    \(entry.destination), \(entry.collectionUser), \(entry.subject), \(entry.copyUID),
                    \(entry.contentHash), \(entry.fields.joined(separator: ",")), \(entry.policyVersion),
                    \(entry.previousHash), \(entry.hash))
            """)
        try setMeta("ledger-head", Array("\(entry.sequence) \(entry.hash)".utf8))
        return entry
    }

    /// Runs `body` in a transaction, keeping the store's error type.
    func inTransaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        do { return try database.transaction { try body() } } catch let error as StoreError { throw error } catch {
            throw StoreError(.statement, "a transaction failed: \(error)")
        }
    }

    private static func copy(_ row: SQLiteRow) throws(StoreError) -> CopyRecord {
        guard let created = LedgerTime.parse(row.text(8)), let updated = LedgerTime.parse(row.text(9)) else {
            throw StoreError(.corrupt, "a copy row has an unreadable date")
        }
        let fields = row.text(7)
        return CopyRecord(
            collection: CollectionKey(destination: row.text(0), user: row.text(1)), subject: SubjectID(row.text(2)),
            copyUID: row.text(3), remoteID: row.text(4), location: row.text(10), etag: row.optionalText(5),
            contentHash: row.text(6),
            fields: fields.isEmpty ? [] : fields.components(separatedBy: ","), createdAt: created, updatedAt: updated)
    }
}
