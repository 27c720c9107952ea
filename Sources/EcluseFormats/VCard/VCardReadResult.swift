import EcluseCore

/// What reading a vCard file gave: the cards read in full, and the problems met.
///
/// A card with an error is left out whole, so nothing is half-imported; the other cards of
/// the file are still read. Messages name lines and properties, never values.
public struct VCardReadResult: Sendable {
    public var cards: [ReadCard]
    public var errors: [FormatError]
    public var warnings: [FormatWarning]

    public init(cards: [ReadCard] = [], errors: [FormatError] = [], warnings: [FormatWarning] = []) {
        self.cards = cards
        self.errors = errors
        self.warnings = warnings
    }
}

/// One card read from a file, with its version, where it began and the doubts met reading it.
public struct ReadCard: Sendable {
    /// The contact, with an empty `id`: the importer assigns ids.
    public var contact: Contact
    public var version: VCardVersion
    /// The line of the card's `BEGIN:VCARD`.
    public var location: SourceLocation
    public var warnings: [FormatWarning]

    public init(contact: Contact, version: VCardVersion, location: SourceLocation, warnings: [FormatWarning] = []) {
        self.contact = contact
        self.version = version
        self.location = location
        self.warnings = warnings
    }
}
