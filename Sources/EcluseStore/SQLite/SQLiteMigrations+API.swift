extension SQLiteMigrations {
    /// The JSON API's migrations: numbers 30 and up (10–29 belong to the feeds and the web app).
    static let api: [(number: Int, sql: String)] = [
        (
            30,
            // API tokens: kept as their SHA-256 only, looked up through a unique index, so a copy
            // of the database authenticates no one. Revoked tokens stay listed.
            """
            CREATE TABLE api_tokens (
                id INTEGER PRIMARY KEY,
                login TEXT NOT NULL,
                name TEXT NOT NULL,
                token_sha256 TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                revoked_at TEXT
            );
            CREATE INDEX api_tokens_login ON api_tokens(login);
            """
        )
    ]
}
