import EcluseCore
import EcluseFormats
import Foundation

/// The kinds of file `ecluse import` reads.
public enum ImportFormat: String, Sendable, CaseIterable {
    case vCard = "vcard"
    case csv
    case iCalendar = "icalendar"

    /// The format of `path`: by its extension, else by its first bytes.
    public static func detect(path: String, bytes: [UInt8]) -> ImportFormat {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "vcf", "vcard": return .vCard
        case "ics", "ical", "ifb": return .iCalendar
        case "csv", "tsv": return .csv
        default: break
        }
        let head = String(decoding: bytes.prefix(512), as: UTF8.self).uppercased()
        if head.contains("BEGIN:VCARD") { return .vCard }
        if head.contains("BEGIN:VCALENDAR") { return .iCalendar }
        return .csv
    }
}

/// What importing one file did.
public struct FileImportResult: Sendable {
    public var file: String
    public var format: ImportFormat?
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    /// Records left out: empty cards, rows with nothing to import, and, with `partial`,
    /// malformed records.
    public var skipped = 0
    public var warnings: [FormatWarning] = []
    /// The problems found. Unless the import was partial, nothing of the file was stored.
    public var errors: [FormatError] = []
    /// Whether the file was refused whole: nothing of it is in the store.
    public var refused = false
    public var dryRun = false
    /// Whether the file was fine but the store could not take it (locked, full, damaged):
    /// running the import again later can succeed.
    public var notStored = false

    public init(file: String) { self.file = file }
}

extension FileImportResult {
    /// The result for a file that cannot be read at all.
    static func unreadable(_ path: String) -> FileImportResult {
        var result = FileImportResult(file: path)
        result.refused = true
        result.errors.append(
            FormatError(
                "cannot read the file", at: SourceLocation(file: path, line: 0),
                fix: "check the path and that the file is readable"))
        return result
    }

    /// The result for a file the store could not take (locked, full, damaged): nothing of it
    /// was kept, and importing it again later can succeed.
    static func notStored(_ path: String, because error: any Error) -> FileImportResult {
        var result = FileImportResult(file: path)
        result.refused = true
        result.notStored = true
        result.errors.append(
            FormatError(
                "the store could not take the file: \(error)", at: SourceLocation(file: path, line: 0),
                fix: "nothing of it was kept; import it again once the cause is fixed"))
        return result
    }
}
