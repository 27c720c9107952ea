import EcluseCore
import Foundation

extension SQLiteStore {
    /// One page of the contacts matching `text` (as `searchContacts` matches), of `owner` when
    /// it is given, by display name; with the number of all that match.
    public func contactPage(
        matching text: String?, owner: String?, limit: Int, offset: Int
    ) throws(StoreError) -> (contacts: [Contact], total: Int) {
        let pattern =
            "%"
            + (text ?? "").lowercased()
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
        let filter: SQL = "search_text LIKE \(pattern) ESCAPE '\\' AND (\(owner) IS NULL OR owner = \(owner))"
        let total = try database.first("SELECT count(*) FROM contacts WHERE " + filter) { $0.int(0) } ?? 0
        let contacts = try database.query(
            "SELECT id, body FROM contacts WHERE " + filter
                + " ORDER BY display_name COLLATE NOCASE, id LIMIT \(limit) OFFSET \(offset)"
        ) { row throws(StoreError) in try decodeContact(row) }
        return (contacts, total)
    }
}

extension SQLiteStore {
    /// The stored JSON text of a contact, for a caller that keeps its decoded or re-encoded
    /// form and needs to know whether it is still current; nil when there is no such contact.
    public func contactBody(_ id: SubjectID) throws(StoreError) -> String? {
        try database.first("SELECT body FROM contacts WHERE id = \(id.rawValue)") { $0.text(0) }
    }
}
