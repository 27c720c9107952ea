/// The numbered schema migrations of the SQLite store, applied in order, each once.
///
/// Never edit a migration that has shipped: add the next number. The JSON API's own migrations
/// (30 and up) are in `SQLiteMigrations+API.swift`, the listing states (40 and up) in
/// `SQLiteMigrations+Listings.swift`; applied ones are tracked as a set, so gaps
/// between numbers are fine.
enum SQLiteMigrations {
    static var all: [(number: Int, sql: String)] { base + api + listings }

    static let base: [(number: Int, sql: String)] = [
        (
            1,
            """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
            CREATE TABLE users (login TEXT PRIMARY KEY, display_name TEXT NOT NULL);
            CREATE TABLE organisations (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
            CREATE TABLE contacts (
                id TEXT PRIMARY KEY,
                source_uid TEXT,
                owner TEXT,
                organisation_id INTEGER REFERENCES organisations(id),
                display_name TEXT NOT NULL,
                search_text TEXT NOT NULL,
                body TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                source TEXT NOT NULL,
                imported_at TEXT NOT NULL
            );
            CREATE UNIQUE INDEX contacts_source_uid ON contacts(source_uid) WHERE source_uid IS NOT NULL;
            CREATE INDEX contacts_display_name ON contacts(display_name);
            CREATE TABLE contact_emails (
                contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
                email TEXT NOT NULL
            );
            CREATE INDEX contact_emails_email ON contact_emails(email);
            CREATE TABLE appointments (
                id TEXT PRIMARY KEY,
                source_uid TEXT,
                owner TEXT,
                starts_at TEXT NOT NULL,
                ends_at TEXT NOT NULL,
                body TEXT NOT NULL
            );
            CREATE TABLE copies (
                destination TEXT NOT NULL,
                collection_user TEXT NOT NULL,
                subject_id TEXT NOT NULL,
                copy_uid TEXT NOT NULL,
                remote_id TEXT NOT NULL,
                etag TEXT,
                content_hash TEXT NOT NULL,
                fields TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                ledger_sequence INTEGER NOT NULL,
                PRIMARY KEY (destination, collection_user, subject_id)
            );
            CREATE TABLE ledger (
                sequence INTEGER PRIMARY KEY,
                recorded_at TEXT NOT NULL,
                action TEXT NOT NULL,
                destination TEXT NOT NULL,
                collection_user TEXT NOT NULL,
                subject TEXT NOT NULL,
                copy_uid TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                fields TEXT NOT NULL,
                policy_version TEXT NOT NULL,
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            );
            CREATE INDEX ledger_subject ON ledger(subject, sequence);
            CREATE INDEX ledger_destination ON ledger(destination, sequence);
            CREATE TABLE policy_versions (version TEXT PRIMARY KEY, text TEXT NOT NULL, first_used_at TEXT NOT NULL);
            """
        ),
        (
            2,
            """
            ALTER TABLE users ADD COLUMN email TEXT;
            CREATE UNIQUE INDEX users_email ON users(email) WHERE email IS NOT NULL;
            CREATE TABLE contact_phones (
                contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
                e164 TEXT NOT NULL
            );
            CREATE INDEX contact_phones_e164 ON contact_phones(e164);
            CREATE INDEX appointments_owner ON appointments(owner, starts_at);
            CREATE UNIQUE INDEX appointments_source_uid ON appointments(source_uid) WHERE source_uid IS NOT NULL;
            """
        ),
        (
            3,
            // Saving a contact replaces its email and phone rows; without these indexes each
            // save scanned both tables, and imports slowed as the store grew.
            """
            CREATE INDEX contact_emails_contact ON contact_emails(contact_id);
            CREATE INDEX contact_phones_contact ON contact_phones(contact_id);
            """
        ),
        (
            4,
            // Where each copy was written, so that copies left behind when a destination moves
            // can be found and taken back. Copies made before this are at the current place.
            """
            ALTER TABLE copies ADD COLUMN location TEXT NOT NULL DEFAULT '';
            """
        ),
        (
            5,
            """
            CREATE TABLE attestations (
                id INTEGER PRIMARY KEY,
                destination TEXT NOT NULL,
                kind TEXT NOT NULL,
                reference TEXT NOT NULL,
                document_sha256 TEXT NOT NULL,
                issuer TEXT NOT NULL,
                expires_on TEXT NOT NULL,
                added_at TEXT NOT NULL
            );
            CREATE INDEX attestations_destination ON attestations(destination, kind);
            """
        ),
        (
            6,
            """
            CREATE TABLE device_attestations (
                id INTEGER PRIMARY KEY,
                user TEXT NOT NULL,
                conditions TEXT NOT NULL,
                device TEXT NOT NULL,
                attested_at TEXT NOT NULL
            );
            CREATE INDEX device_attestations_user ON device_attestations(user, attested_at);
            """
        ),
        (
            7,
            """
            CREATE TABLE retired_copies (
                destination TEXT NOT NULL,
                collection_user TEXT NOT NULL,
                subject_id TEXT NOT NULL,
                retired_at TEXT NOT NULL,
                PRIMARY KEY (destination, collection_user, subject_id)
            );
            """
        ),
        (
            8,
            """
            ALTER TABLE attestations ADD COLUMN place TEXT NOT NULL DEFAULT '';
            """
        ),
        (
            9,
            // Accounts for the web pages and the API: one per user login, with a role and an
            // scrypt hash of the password (never the password).
            """
            CREATE TABLE accounts (
                login TEXT PRIMARY KEY,
                role TEXT NOT NULL CHECK (role IN ('admin', 'dpo', 'sales')),
                password_hash TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            """
        ),
        (
            10,
            // Calendar feeds: each user's secret token is kept as its SHA-256 only. A served feed
            // is ledgered once per token and hour, and its content hash dates Last-Modified.
            """
            CREATE TABLE feed_tokens (
                id INTEGER PRIMARY KEY,
                user TEXT NOT NULL,
                token_sha256 TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                revoked_at TEXT
            );
            CREATE INDEX feed_tokens_user ON feed_tokens(user);
            CREATE TABLE feed_serves (
                token_id INTEGER NOT NULL,
                hour TEXT NOT NULL,
                PRIMARY KEY (token_id, hour)
            );
            CREATE TABLE feed_states (
                token_id INTEGER PRIMARY KEY,
                content_hash TEXT NOT NULL,
                changed_at TEXT NOT NULL
            );
            """
        ),
        (
            11,
            // The web app's sessions, kept by the SHA-256 of their id (a stolen database holds
            // no usable session), and the calls salespeople note from a contact's page.
            """
            CREATE TABLE web_sessions (
                id_hash TEXT PRIMARY KEY,
                login TEXT NOT NULL,
                csrf_token TEXT NOT NULL,
                created_at TEXT NOT NULL,
                last_seen_at TEXT NOT NULL
            );
            CREATE INDEX web_sessions_login ON web_sessions(login);
            CREATE TABLE calls (
                id INTEGER PRIMARY KEY,
                contact_id TEXT NOT NULL,
                login TEXT NOT NULL,
                called_at TEXT NOT NULL
            );
            CREATE INDEX calls_contact ON calls(contact_id, called_at);
            CREATE INDEX contacts_owner ON contacts(owner, display_name);
            """
        ),
        (
            20,
            // What decides a plan, counted whoever changes it (an import, another process, a hand
            // edit): each changed subject is listed in subject_changes, and every change to
            // appointments, users, attestations and phones' attestations moves the revision.
            // A sync can then plan only the subjects that changed since the last clean run, or
            // nothing at all (see SyncEngine+Shortcut.swift).
            """
            INSERT OR IGNORE INTO meta (key, value) VALUES ('revision', 0);
            CREATE TABLE subject_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, subject_id TEXT NOT NULL);
            CREATE TRIGGER contacts_changed_insert AFTER INSERT ON contacts
            BEGIN INSERT INTO subject_changes (subject_id) VALUES (NEW.id); END;
            CREATE TRIGGER contacts_changed_update AFTER UPDATE ON contacts
            BEGIN INSERT INTO subject_changes (subject_id) VALUES (NEW.id); END;
            CREATE TRIGGER contacts_changed_delete AFTER DELETE ON contacts
            BEGIN INSERT INTO subject_changes (subject_id) VALUES (OLD.id); END;
            CREATE TRIGGER appointments_revision_insert AFTER INSERT ON appointments
            BEGIN UPDATE meta SET value = value + 1 WHERE key = 'revision'; END;
            CREATE TRIGGER appointments_revision_update AFTER UPDATE ON appointments
            BEGIN UPDATE meta SET value = value + 1 WHERE key = 'revision'; END;
            CREATE TRIGGER appointments_revision_delete AFTER DELETE ON appointments
            BEGIN UPDATE meta SET value = value + 1 WHERE key = 'revision'; END;
            CREATE TRIGGER users_revision_insert AFTER INSERT ON users
            BEGIN UPDATE meta SET value = value + 1 WHERE key = 'revision'; END;
            CREATE TRIGGER users_revision_update AFTER UPDATE ON users
            BEGIN UPDATE meta SET value = value + 1 WHERE key = 'revision'; END;
            CREATE TRIGGER users_revision_delete AFTER DELETE ON users
            BEGIN UPDATE meta SET value = value + 1 WHERE key = 'revision'; END;
            CREATE TRIGGER attestations_revision_insert AFTER INSERT ON attestations
            BEGIN UPDATE meta SET value = value + 1 WHERE key = 'revision'; END;
            CREATE TRIGGER attestations_revision_update AFTER UPDATE ON attestations
            BEGIN UPDATE meta SET value = value + 1 WHERE key = 'revision'; END;
            CREATE TRIGGER attestations_revision_delete AFTER DELETE ON attestations
            BEGIN UPDATE meta SET value = value + 1 WHERE key = 'revision'; END;
            CREATE TRIGGER device_attestations_revision_insert AFTER INSERT ON device_attestations
            BEGIN UPDATE meta SET value = value + 1 WHERE key = 'revision'; END;
            CREATE TRIGGER device_attestations_revision_update AFTER UPDATE ON device_attestations
            BEGIN UPDATE meta SET value = value + 1 WHERE key = 'revision'; END;
            CREATE TRIGGER device_attestations_revision_delete AFTER DELETE ON device_attestations
            BEGIN UPDATE meta SET value = value + 1 WHERE key = 'revision'; END;
            """
        ),
        (
            21,
            // Remote operations about to be sent; see Intent in EcluseCore.
            """
            CREATE TABLE intents (
                destination TEXT NOT NULL,
                collection_user TEXT NOT NULL,
                subject_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                location TEXT NOT NULL,
                remote_id TEXT NOT NULL,
                copy_uid TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                fields TEXT NOT NULL,
                started_at TEXT NOT NULL,
                PRIMARY KEY (destination, collection_user, subject_id)
            );
            """
        ),
        (
            22,
            // The email and phone keys of contacts, kept in their (contact, key) order without a
            // rowid: one tree less for each, which an import of 100,000 contacts writes a tenth
            // fewer pages for. A key appears once per contact.
            """
            CREATE TABLE contact_emails_keyed (
                contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
                email TEXT NOT NULL,
                PRIMARY KEY (contact_id, email)
            ) WITHOUT ROWID;
            INSERT OR IGNORE INTO contact_emails_keyed (contact_id, email) SELECT contact_id, email FROM contact_emails;
            DROP TABLE contact_emails;
            ALTER TABLE contact_emails_keyed RENAME TO contact_emails;
            CREATE INDEX contact_emails_email ON contact_emails(email);
            CREATE TABLE contact_phones_keyed (
                contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
                e164 TEXT NOT NULL,
                PRIMARY KEY (contact_id, e164)
            ) WITHOUT ROWID;
            INSERT OR IGNORE INTO contact_phones_keyed (contact_id, e164) SELECT contact_id, e164 FROM contact_phones;
            DROP TABLE contact_phones;
            ALTER TABLE contact_phones_keyed RENAME TO contact_phones;
            CREATE INDEX contact_phones_e164 ON contact_phones(e164);
            """
        ),
    ]
}
