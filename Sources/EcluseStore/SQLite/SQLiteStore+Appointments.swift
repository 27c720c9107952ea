import EcluseCore
import EcluseLedger
import Foundation

extension SQLiteStore {
    public func appointment(matchingKey key: String) throws(StoreError) -> Appointment? {
        try database.first("SELECT body FROM appointments WHERE source_uid = \(key)") { row throws(StoreError) in
            try decodeAppointment(row.text(0))
        }
    }

    public func save(_ appointment: Appointment, provenance: Provenance) throws(StoreError) {
        let body: String
        do { body = String(decoding: try JSONEncoder().encode(appointment), as: UTF8.self) } catch {
            throw StoreError(.decode, "an appointment could not be encoded: \(error)")
        }
        try database.run(
            """
            INSERT INTO appointments (id, source_uid, owner, starts_at, ends_at, body)
            VALUES (\(appointment.id), \(appointment.matchKey), \(appointment.owner),
                    \(LedgerTime.format(appointment.start.instant)), \(LedgerTime.format(appointment.end.instant)),
                    \(body))
            ON CONFLICT(id) DO UPDATE SET
                source_uid = excluded.source_uid, owner = excluded.owner, starts_at = excluded.starts_at,
                ends_at = excluded.ends_at, body = excluded.body
            """)
    }

    public func appointments(owner: String?) throws(StoreError) -> [Appointment] {
        if let owner {
            return try database.query(
                "SELECT body FROM appointments WHERE owner = \(owner) ORDER BY starts_at, id"
            ) { row throws(StoreError) in try decodeAppointment(row.text(0)) }
        }
        return try database.query("SELECT body FROM appointments ORDER BY starts_at, id") { row throws(StoreError) in
            try decodeAppointment(row.text(0))
        }
    }

    public func assignAppointments(organisedBy email: String, to login: String) throws(StoreError) {
        let address = email.lowercased()
        for var appointment in try appointments(owner: nil) where appointment.organizer?.lowercased() == address {
            guard appointment.owner != login else { continue }
            appointment.owner = login
            try save(appointment, provenance: Provenance(source: "users import", importedAt: Date()))
        }
    }

    public func contactIDs(matchingAnyEmail emails: [String]) throws(StoreError) -> [SubjectID] {
        var found: Set<SubjectID> = []
        for email in Set(emails.map(Email.matchKey(of:))) {
            let ids = try database.query("SELECT DISTINCT contact_id FROM contact_emails WHERE email = \(email)") {
                SubjectID($0.text(0))
            }
            found.formUnion(ids)
        }
        return found.sorted()
    }

    private func decodeAppointment(_ body: String) throws(StoreError) -> Appointment {
        do { return try JSONDecoder().decode(Appointment.self, from: Data(body.utf8)) } catch {
            throw StoreError(
                .decode, "a stored appointment could not be read: \(error)",
                fix: "the database may come from a newer Ecluse; upgrade, or restore a backup")
        }
    }
}
