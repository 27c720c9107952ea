import EcluseCore
import Foundation

/// Reads contacts from a CSV export: Google Contacts, Outlook (English or French), or any
/// table described by a `CSVMapping`.
///
/// The reader never throws and never stops at the first problem: each row is read on its
/// own, and the result lists every error and warning with its file and line. Messages carry
/// column headers only, never values (GDPR: values are personal data). Columns the layout
/// does not model are kept in `extras` as `X-CSV-<header>`, so nothing is lost.
public struct ContactCSVReader: Sendable {
    public init() {}

    public func read(_ data: Data, file: String, mapping: CSVMapping? = nil) -> CSVReadResult {
        read([UInt8](data), file: file, mapping: mapping)
    }

    public func read(_ bytes: [UInt8], file: String, mapping: CSVMapping? = nil) -> CSVReadResult {
        let table = CSVTable(parsing: bytes, file: file)
        var result = CSVReadResult(errors: table.errors)
        result.delimiter = table.delimiter
        result.encoding = table.encoding
        guard let header = table.header else {
            result.errors.append(
                FormatError(
                    "the file holds no header and no rows", at: SourceLocation(file: file, line: 1),
                    fix: "Export the contacts again with the column names on the first line"))
            return result
        }
        guard let columns = columns(for: header, mapping: mapping, file: file, into: &result) else {
            return result
        }

        for row in table.rows {
            let location = SourceLocation(file: file, line: row.line)
            let builder = columns.build(row.cells)
            if let contact = finish(builder, at: location, into: &result) {
                result.contacts.append(contact)
            }
        }
        return result
    }

    /// The fields a column may fill by its name alone in a built-in layout.
    private static let crmFields: [CSVField] = [.owner, .uid, .consent, .lastInteraction]

    /// How the columns are read: the mapping when one is given, else the recognised layout.
    private func columns(
        for header: CSVRow, mapping: CSVMapping?, file: String, into result: inout CSVReadResult
    ) -> CSVColumns? {
        if let mapping {
            result.layout = .mapped
            let fields = mapping.fields(for: header.cells)
            // A mapping written for another table would read nothing: refuse it rather than
            // import a file of empty contacts. One optional column missing is only a warning.
            guard fields.contains(where: { $0 != nil }) else {
                result.errors.append(
                    FormatError(
                        "none of the columns the mapping names is in the header",
                        at: SourceLocation(file: file, line: header.line),
                        fix: "Check the mapping against the file's first line (names are compared without case)"))
                return nil
            }
            for column in mapping.missingColumns(in: header.cells) {
                result.warnings.append(
                    FormatWarning(
                        "the mapping names column '\(column)', which the header does not have",
                        at: SourceLocation(file: file, line: header.line)))
            }
            return .mapped(header: header.cells, fields: fields)
        }
        switch CSVLayout.recognise(header.cells) {
        case .googleContacts:
            result.layout = .googleContacts
            return .google(GoogleCSVColumns(header: header.cells))
        case .some(let layout):
            result.layout = layout
            let mapping: CSVMapping = layout == .outlookFrench ? .outlookFrench : .outlookEnglish
            // A column the layout does not know but that is named after a CRM field (`owner`,
            // `uid`, `consent`, `last-interaction`) fills that field, as the docs promise.
            let fields = zip(header.cells, mapping.fields(for: header.cells)).map { cell, field in
                field ?? CSVField(parsing: cell).flatMap { Self.crmFields.contains($0) ? $0 : nil }
            }
            return .mapped(header: header.cells, fields: fields)
        case nil:
            result.errors.append(CSVLayout.unknown(in: file, line: header.line))
            return nil
        }
    }

    /// The row's contact with its display name, or nil (and a warning) when it names no one.
    private func finish(
        _ builder: CSVContactBuilder, at location: SourceLocation, into result: inout CSVReadResult
    ) -> CSVReadContact? {
        var contact = builder.contact
        let hasName = !contact.name.built.isEmpty || builder.hasFullName
        let hasOrganisation = !(contact.organisation?.name ?? "").isEmpty
        guard hasName || hasOrganisation || !contact.emails.isEmpty || !contact.phones.isEmpty else {
            result.warnings.append(
                FormatWarning("row has no name, email, phone or organisation; skipped", at: location))
            return nil
        }
        var warnings: [FormatWarning] = []
        if !builder.hasFullName {
            let derived = [contact.name.built, contact.organisation?.name ?? "", contact.emails.first?.value ?? ""]
            contact.name.formatted = derived.first { !$0.isEmpty }
            warnings.append(FormatWarning("row has no full name; the display name was derived", at: location))
        }
        return CSVReadContact(contact: contact, location: location, warnings: warnings)
    }
}

/// What each column of a file means, for the layout in use.
private enum CSVColumns {
    case google(GoogleCSVColumns)
    case mapped(header: [String], fields: [CSVField?])

    func build(_ cells: [String]) -> CSVContactBuilder {
        switch self {
        case .google(let columns):
            return columns.build(cells)
        case .mapped(let header, let fields):
            var builder = CSVContactBuilder()
            for (index, cell) in cells.enumerated() {
                if let field = fields[index] {
                    builder.apply(field, cell)
                } else {
                    builder.keep(column: header[index], value: cell)
                }
            }
            return builder
        }
    }
}
