import EcluseCore

/// The CRM's own properties: who owns a contact, what they consented to, when they were last
/// in touch. They decide what leaves, and never leave themselves.
extension VCardCardBuilder {
    /// `X-CRM-CONSENT: given | withdrawn | objected`. When a card says it twice, the more
    /// restrictive statement stands (objected, then withdrawn, then given), with a warning.
    mutating func readConsent(_ property: VCardProperty) {
        let text = text(property).trimmingWhitespace().lowercased()
        guard let consent = Consent(rawValue: text) else {
            warn(
                "X-CRM-CONSENT is not given, withdrawn or objected; the consent is read as unknown", line: property.line
            )
            return
        }
        if let earlier = contact.consent {
            warn("X-CRM-CONSENT appears twice; the more restrictive one is kept", line: property.line)
            let order: [Consent] = [.given, .withdrawn, .objected]
            let rank = { (value: Consent) in order.firstIndex(of: value) ?? 0 }
            contact.consent = rank(consent) > rank(earlier) ? consent : earlier
            return
        }
        contact.consent = consent
    }

    /// `X-CRM-LAST-INTERACTION: YYYY-MM-DD` (a time after the date is ignored).
    mutating func readLastInteraction(_ property: VCardProperty) {
        let text = text(property).trimmingWhitespace()
        guard let day = CalendarDate(isoPrefix: text) else {
            warn("X-CRM-LAST-INTERACTION is not a date written YYYY-MM-DD; it was ignored", line: property.line)
            return
        }
        contact.lastInteraction = day
    }
}

extension CalendarDate {
    /// The date at the start of `text` (`2026-11-30`, `2026-11-30T10:00:00Z`); nil otherwise.
    public init?(isoPrefix text: String) {
        let head = text.prefix(10)
        let parts = head.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard head.count == 10, parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2],
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }
}
