import EcluseCore
import Foundation

/// Reads vCard 2.1, 3.0 and 4.0 files into contacts.
///
/// The reader never throws and never stops at the first problem: each card is read on its
/// own, a card with an error is left out whole, and the result lists every error with its
/// file, line and fix. Messages carry property names only, never values (GDPR: values are
/// personal data). Every loop runs over the input once, so any input ends.
public struct VCardReader: Sendable {
    public init() {}

    public func read(_ data: Data, file: String) -> VCardReadResult {
        read([UInt8](data), file: file)
    }

    /// Reads `bytes`; with `firstLine`, they are a piece of a file that starts at that line.
    public func read(_ bytes: [UInt8], file: String, firstLine: Int = 1) -> VCardReadResult {
        let lines = VCardUnfolder.logicalLines(of: VCardCharset.removingByteOrderMark(bytes), firstLine: firstLine)
        var result = VCardReadResult()
        var open: OpenCard?
        var outsideRun = false

        for line in lines {
            let marker = Self.marker(of: line)
            if marker != .content { outsideRun = false }
            switch marker {
            case .begin:
                if let card = open {
                    result.errors.append(Self.missingEnd(card, file: file))
                }
                open = OpenCard(beginLine: line.line)
            case .end:
                guard let card = open else {
                    result.errors.append(
                        FormatError(
                            "END:VCARD without a matching BEGIN:VCARD", at: SourceLocation(file: file, line: line.line),
                            fix: "Add BEGIN:VCARD where the card starts, or remove this line"))
                    continue
                }
                finish(card, file: file, into: &result)
                open = nil
            case .content where open != nil:
                guard let property = VCardProperty.parse(line) else {
                    open?.refuse(
                        FormatError(
                            "content line has no ':' between the property name and its value",
                            at: SourceLocation(file: file, line: line.line),
                            fix: "Start a folded line with a space, or remove the line; the card was not imported"))
                    continue
                }
                open?.properties.append(property)
            case .content:
                guard !outsideRun else { continue }
                outsideRun = true
                result.errors.append(
                    FormatError(
                        "text outside a vCard", at: SourceLocation(file: file, line: line.line),
                        fix: "Remove the line, or put it between BEGIN:VCARD and END:VCARD"))
            }
        }
        if let card = open { result.errors.append(Self.missingEnd(card, file: file)) }
        return result
    }

    private func finish(_ card: OpenCard, file: String, into result: inout VCardReadResult) {
        let location = SourceLocation(file: file, line: card.beginLine)
        guard card.errors.isEmpty else {
            result.errors.append(contentsOf: card.errors)
            return
        }
        var warnings: [FormatWarning] = []
        let version = Self.version(of: card.properties, warnings: &warnings, at: location)
        var builder = VCardCardBuilder(version: version, file: file)
        let contact = builder.build(card.properties, beginLine: card.beginLine)
        warnings += builder.warnings
        guard let contact else {
            result.warnings += warnings
            result.warnings.append(FormatWarning("empty card skipped", at: location))
            return
        }
        result.cards.append(ReadCard(contact: contact, version: version, location: location, warnings: warnings))
    }

    /// The card's VERSION, wherever it stands; 3.0 rules when it is missing or unknown.
    private static func version(
        of properties: [VCardProperty], warnings: inout [FormatWarning], at location: SourceLocation
    ) -> VCardVersion {
        guard let property = properties.first(where: { $0.name == "VERSION" }) else {
            warnings.append(FormatWarning("card has no VERSION; read with vCard 3.0 rules", at: location))
            return .v30
        }
        let text = String(decoding: property.rawValue, as: UTF8.self).trimmingWhitespace()
        guard let version = VCardVersion(rawValue: text) else {
            warnings.append(FormatWarning("unknown VERSION; read with vCard 3.0 rules", at: location))
            return .v30
        }
        return version
    }

    private static func missingEnd(_ card: OpenCard, file: String) -> FormatError {
        FormatError(
            "card has no END:VCARD", at: SourceLocation(file: file, line: card.beginLine),
            fix: "Add END:VCARD at the end of the card, or check that the file was not cut short")
    }

    private enum Marker { case begin, end, content }

    private static func marker(of line: VCardLogicalLine) -> Marker {
        guard line.bytes.count <= 20 else { return .content }
        if Ascii.equalsIgnoringCaseAndSpaces(line.bytes, "BEGIN:VCARD") { return .begin }
        if Ascii.equalsIgnoringCaseAndSpaces(line.bytes, "END:VCARD") { return .end }
        return .content
    }
}

/// A card between its BEGIN and its END.
private struct OpenCard {
    var beginLine: Int
    var properties: [VCardProperty] = []
    var errors: [FormatError] = []

    mutating func refuse(_ error: FormatError) { errors.append(error) }
}
