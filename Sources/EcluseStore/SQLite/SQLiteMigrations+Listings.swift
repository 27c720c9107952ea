extension SQLiteMigrations {
    /// The DAV connector's listing states: number 40 and up (30–39 belong to the JSON API).
    static let listings: [(number: Int, sql: String)] = [
        (
            40,
            // What a destination said of a collection at its last listing that a sync acted on
            // (an RFC 6578 sync token, a collection tag), per place: a moved collection starts
            // from nothing. The text is the connector's own; see Connector.listItems(known:since:).
            """
            CREATE TABLE listing_states (
                destination TEXT NOT NULL,
                collection_user TEXT NOT NULL,
                location TEXT NOT NULL,
                state TEXT NOT NULL,
                saved_at TEXT NOT NULL,
                PRIMARY KEY (destination, collection_user, location)
            );
            """
        )
    ]
}
