import EcluseCore
import EcluseFormats

extension ItemFormat {
    /// Whether `body`, as a destination holds it, carries what Ecluse writes for `copy`.
    ///
    /// Servers rewrite what they store: they re-order properties, set their own PRODID or REV,
    /// fold lines elsewhere and turn CRLF into LF. So both are read with Ecluse's own readers
    /// and the values compared, never the bytes. Properties Ecluse does not model (PRODID, REV,
    /// a client's X- properties) do not count; any modelled field, added or changed, does.
    public func holdsSameContent(_ body: [UInt8], as copy: DesiredCopy) -> Bool {
        let written = bytes(of: copy)
        switch items {
        case .contacts:
            let theirs = VCardReader().read(body, file: "item").cards
            let ours = VCardReader().read(written, file: "item").cards
            guard theirs.count == 1, ours.count == 1 else { return false }
            return Self.comparable(theirs[0].contact) == Self.comparable(ours[0].contact)
        case .events:
            let theirs = ICalReader().read(body, file: "item")
            let ours = ICalReader().read(written, file: "item")
            guard theirs.errors.isEmpty, !theirs.events.isEmpty else { return false }
            return Self.comparable(theirs.events) == Self.comparable(ours.events)
        }
    }

    /// A contact's modelled values, with lists in a fixed order. Known gap: the reader keeps the
    /// first of a single-valued property, so a second NOTE added by a client is not seen.
    private static func comparable(_ contact: Contact) -> Contact {
        var contact = contact
        contact.id = SubjectID("")
        contact.extras = []
        contact.phones = sorted(contact.phones)
        contact.emails = sorted(contact.emails)
        contact.addresses = sorted(contact.addresses)
        contact.urls.sort()
        contact.tags.sort()
        return contact
    }

    /// Events without where they were read, in a fixed order.
    private static func comparable(_ events: [CalendarEvent]) -> [CalendarEvent] {
        sorted(
            events.map { event in
                var event = event
                event.line = 0
                event.attendees.sort()
                event.exdates.sort()
                return event
            })
    }

    /// Values in the order of their descriptions: a server may write a card's lines in any order.
    private static func sorted<Value>(_ values: [Value]) -> [Value] {
        values.map { (String(describing: $0), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
