import EcluseCore

/// A contact about to be inserted, with everything the store writes for it worked out ahead:
/// its stored text, content hash, search text and index keys.
///
/// Making one takes as long as writing the row, and needs no store, so an import makes them
/// on the thread that parses the file while the storing thread writes the ones before.
public struct NewContact: Sendable {
    /// The contact, with the id it will be stored under.
    public let contact: Contact
    let phoneKeys: [String]
    let emailKeys: [String]
    let body: String
    let contentHash: String
    let searchText: String

    /// - Parameter phoneKeys: the E.164 forms of the contact's numbers.
    public init(_ contact: Contact, phoneKeys: Set<String>) {
        self.contact = contact
        self.phoneKeys = phoneKeys.sorted()
        self.emailKeys = Set(contact.emails.map(\.matchKey)).sorted()
        self.body = ContactJSON.encode(contact)
        self.contentHash = contact.contentHash
        self.searchText = Self.searchText(of: contact)
    }

    /// What the contact search looks through: the name, the organisation, the addresses and
    /// the numbers, lowercased, apart.
    private static func searchText(of contact: Contact) -> String {
        let parts =
            [contact.displayName, contact.organisation?.name ?? ""]
            + contact.emails.map(\.value) + contact.phones.map(\.value)
        return parts.joined(separator: "\u{1f}").lowercased()
    }
}
