import EcluseCore
import EcluseLedger
import Foundation

extension SQLiteStore {
    public func add(_ attestation: Attestation) throws(StoreError) {
        try database.run(
            """
            INSERT INTO attestations (destination, kind, place, reference, document_sha256, issuer, expires_on,
                                      added_at)
            VALUES (\(attestation.destination), \(attestation.kind), \(attestation.place), \(attestation.reference),
                    \(attestation.documentSHA256), \(attestation.issuer), \(attestation.expiresOn.description),
                    \(LedgerTime.format(attestation.addedAt)))
            """)
    }

    public func attestations() throws(StoreError) -> [Attestation] {
        try database.query(
            """
            SELECT destination, kind, reference, document_sha256, issuer, expires_on, added_at, place
            FROM attestations ORDER BY destination, kind, expires_on, id
            """
        ) { row throws(StoreError) in
            let parts = row.text(5).split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, let added = LedgerTime.parse(row.text(6)) else {
                throw StoreError(
                    .corrupt, "an attestation row has an unreadable date",
                    fix: "restore the data folder from a backup, or add the attestation again")
            }
            return Attestation(
                destination: row.text(0), kind: row.text(1), place: row.text(7), reference: row.text(2),
                documentSHA256: row.text(3),
                issuer: row.text(4), expiresOn: CalendarDate(year: parts[0], month: parts[1], day: parts[2]),
                addedAt: added)
        }
    }

    public func add(_ attestation: DeviceAttestation) throws(StoreError) {
        try database.run(
            """
            INSERT INTO device_attestations (user, conditions, device, attested_at)
            VALUES (\(attestation.user), \(attestation.conditions.joined(separator: ",")), \(attestation.device),
                    \(LedgerTime.format(attestation.attestedAt)))
            """)
    }

    public func deviceAttestations() throws(StoreError) -> [DeviceAttestation] {
        try database.query(
            "SELECT user, conditions, device, attested_at FROM device_attestations ORDER BY attested_at, id"
        ) { row throws(StoreError) in
            guard let date = LedgerTime.parse(row.text(3)) else {
                throw StoreError(.corrupt, "a device attestation has an unreadable date", fix: "record it again")
            }
            let conditions = row.text(1).split(separator: ",").map(String.init)
            return DeviceAttestation(user: row.text(0), conditions: conditions, device: row.text(2), attestedAt: date)
        }
    }
}
