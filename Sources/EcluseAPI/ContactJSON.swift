import EcluseCore

/// A contact as the API shows it: Ecluse's id, the name, the organisation and the contact
/// points. Raw properties the model keeps aside (`extras`) never leave through the API.
struct ContactJSON: Encodable {
    struct Point: Encodable {
        var value: String
        var kinds: [String]
        var preferred: Bool
    }

    var id: String
    var displayName: String
    var givenName: String?
    var familyName: String?
    var organisation: String?
    var title: String?
    var emails: [Point]
    var phones: [Point]
    var tags: [String]
    var owner: String?

    init(_ contact: Contact) {
        id = contact.id.rawValue
        displayName = contact.displayName
        givenName = contact.name.given.isEmpty ? nil : contact.name.given
        familyName = contact.name.family.isEmpty ? nil : contact.name.family
        organisation = contact.organisation?.name
        title = contact.title
        emails = contact.emails.map {
            Point(value: $0.value, kinds: $0.kinds.map(\.rawValue).sorted(), preferred: $0.preferred)
        }
        phones = contact.phones.map {
            Point(value: $0.value, kinds: $0.kinds.map(\.rawValue).sorted(), preferred: $0.preferred)
        }
        tags = contact.tags
        owner = contact.owner
    }
}

/// One page of contacts, with how many match in all.
struct ContactPageJSON: Encodable {
    var items: [ContactJSON]
    var total: Int
    var limit: Int
    var offset: Int
}
