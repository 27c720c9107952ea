import EcluseCore
import EcluseLedger
import Foundation

extension SQLiteStore {
    public func recordIntents(_ intents: [Intent]) throws(StoreError) {
        try inTransaction { () throws(StoreError) in
            for intent in intents {
                try database.run(
                    """
                    INSERT INTO intents (destination, collection_user, subject_id, kind, location, remote_id,
                                         copy_uid, content_hash, fields, started_at)
                    VALUES (\(intent.collection.destination), \(intent.collection.user), \(intent.subject.rawValue),
                            \(intent.kind.rawValue), \(intent.location), \(intent.remoteID), \(intent.copyUID),
                            \(intent.contentHash), \(intent.fields.joined(separator: ",")),
                            \(LedgerTime.format(intent.startedAt)))
                    ON CONFLICT(destination, collection_user, subject_id) DO UPDATE SET
                        kind = excluded.kind, location = excluded.location, remote_id = excluded.remote_id,
                        copy_uid = excluded.copy_uid, content_hash = excluded.content_hash, fields = excluded.fields,
                        started_at = excluded.started_at
                    """)
            }
        }
    }

    public func clearIntent(in collection: CollectionKey, subject: SubjectID) throws(StoreError) {
        try database.run(
            """
            DELETE FROM intents WHERE destination = \(collection.destination)
            AND collection_user = \(collection.user) AND subject_id = \(subject.rawValue)
            """)
    }

    public func intents() throws(StoreError) -> [Intent] {
        try database.query(
            """
            SELECT destination, collection_user, subject_id, kind, location, remote_id, copy_uid, content_hash,
                   fields, started_at
            FROM intents ORDER BY destination, collection_user, subject_id
            """
        ) { row throws(StoreError) in
            guard let kind = Intent.Kind(rawValue: row.text(3)), let started = LedgerTime.parse(row.text(9)) else {
                throw StoreError(.corrupt, "an intent row cannot be read", fix: "restore the data folder from a backup")
            }
            let fields = row.text(8)
            return Intent(
                collection: CollectionKey(destination: row.text(0), user: row.text(1)), subject: SubjectID(row.text(2)),
                kind: kind, location: row.text(4), remoteID: row.text(5), copyUID: row.text(6),
                contentHash: row.text(7), fields: fields.isEmpty ? [] : fields.components(separatedBy: ","),
                startedAt: started)
        }
    }
}
