import EcluseCore

/// What reading a contacts CSV file gave: the contacts read, and the problems met.
///
/// A row with an error is left out whole; the other rows are still read. Messages name the
/// file, the line and the column header, never a cell's value.
public struct CSVReadResult: Sendable {
    public var contacts: [CSVReadContact]
    public var errors: [FormatError]
    public var warnings: [FormatWarning]
    /// The layout used to read the file, nil when none applied.
    public var layout: CSVLayout?
    public var delimiter: CSVDelimiter?
    public var encoding: CSVEncoding?

    public init(contacts: [CSVReadContact] = [], errors: [FormatError] = [], warnings: [FormatWarning] = []) {
        self.contacts = contacts
        self.errors = errors
        self.warnings = warnings
    }
}

/// One contact read from one row, with the row's line and the doubts met reading it.
public struct CSVReadContact: Sendable {
    /// The contact, with an empty `id`: the importer assigns ids.
    public var contact: Contact
    /// The physical line the row starts on.
    public var location: SourceLocation
    public var warnings: [FormatWarning]

    public init(contact: Contact, location: SourceLocation, warnings: [FormatWarning] = []) {
        self.contact = contact
        self.location = location
        self.warnings = warnings
    }
}
