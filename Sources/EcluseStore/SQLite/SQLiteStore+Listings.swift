import EcluseCore
import EcluseLedger
import Foundation

extension SQLiteStore {
    public func listingState(of collection: CollectionKey, at location: String) throws(StoreError) -> String? {
        try database.first(
            """
            SELECT state FROM listing_states WHERE destination = \(collection.destination)
            AND collection_user = \(collection.user) AND location = \(location)
            """
        ) { $0.text(0) }
    }

    public func setListingState(
        _ state: String?, of collection: CollectionKey, at location: String, now: Date
    ) throws(StoreError) {
        guard let state else {
            try database.run(
                """
                DELETE FROM listing_states WHERE destination = \(collection.destination)
                AND collection_user = \(collection.user) AND location = \(location)
                """)
            return
        }
        try database.run(
            """
            INSERT INTO listing_states (destination, collection_user, location, state, saved_at)
            VALUES (\(collection.destination), \(collection.user), \(location), \(state), \(LedgerTime.format(now)))
            ON CONFLICT(destination, collection_user, location) DO UPDATE SET
                state = excluded.state, saved_at = excluded.saved_at
            """)
    }

    public func recordVersionTags(of copies: [CopyRecord]) throws(StoreError) {
        try inTransaction { () throws(StoreError) in
            for copy in copies {
                try database.run(
                    """
                    UPDATE copies SET etag = \(copy.etag) WHERE destination = \(copy.collection.destination)
                    AND collection_user = \(copy.collection.user) AND subject_id = \(copy.subject.rawValue)
                    AND copy_uid = \(copy.copyUID)
                    """)
            }
        }
    }
}
