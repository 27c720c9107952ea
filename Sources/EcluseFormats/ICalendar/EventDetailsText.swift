import EcluseCore

/// The text an event's description gets: one block per attendee, with the details a rule lets
/// through and nothing else.
///
/// The details go into `DESCRIPTION` rather than `ATTENDEE` lines: a calendar server that
/// schedules (RFC 6638) would mail an invitation to every attendee it sees, and a phone shows
/// the description in full, with tappable numbers and addresses.
public enum EventDetailsText {
    public static func text(for contacts: [Contact]) -> String? {
        let blocks = contacts.map(block).filter { !$0.isEmpty }
        return blocks.isEmpty ? nil : blocks.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
    }

    private static func block(_ contact: Contact) -> [String] {
        var lines: [String] = []
        let name = contact.displayName
        if !name.isEmpty, !contact.name.isEmpty { lines.append(name) }
        if let title = contact.title, !title.isEmpty { lines.append(title) }
        if let organisation = contact.organisation {
            lines.append(([organisation.name] + organisation.units).filter { !$0.isEmpty }.joined(separator: ", "))
        }
        for phone in contact.phones {
            lines.append("Phone\(kinds(phone.kinds.map(\.rawValue))): \(phone.value)")
        }
        for email in contact.emails {
            lines.append("Email\(kinds(email.kinds.map(\.rawValue))): \(email.value)")
        }
        for address in contact.addresses {
            let parts = [
                address.poBox, address.extended, address.street, address.postalCode, address.locality,
                address.region, address.country,
            ].filter { !$0.isEmpty }
            if !parts.isEmpty {
                lines.append("Address\(kinds(address.kinds.map(\.rawValue))): " + parts.joined(separator: ", "))
            }
        }
        lines += contact.urls.map { "Web: \($0)" }
        if let birthday = contact.birthday, !birthday.isEmpty { lines.append("Birthday: \(birthday)") }
        if let note = contact.note, !note.isEmpty { lines.append("Note: \(note)") }
        if !contact.tags.isEmpty { lines.append("Tags: " + contact.tags.joined(separator: ", ")) }
        return lines
    }

    private static func kinds(_ kinds: [String]) -> String {
        kinds.isEmpty ? "" : " (\(kinds.sorted().joined(separator: ", ")))"
    }
}
