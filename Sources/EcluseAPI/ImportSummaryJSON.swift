import EcluseCore
import EcluseFormats
import EcluseImport

/// What an import did, as `ecluse import --json` says it, without the file name (an upload
/// has none) and with each problem's line apart from its message.
struct ImportSummaryJSON: Encodable {
    struct Problem: Encodable {
        var line: Int
        var message: String
    }

    var format: String?
    var created: Int
    var updated: Int
    var unchanged: Int
    var skipped: Int
    var refused: Bool
    var warnings: [Problem]
    var errors: [Problem]

    init(_ result: FileImportResult) {
        format = result.format?.rawValue
        created = result.created
        updated = result.updated
        unchanged = result.unchanged
        skipped = result.skipped
        refused = result.refused
        warnings = result.warnings.map { Problem(line: $0.location.line, message: $0.message) }
        errors = result.errors.map { error in
            Problem(line: error.location.line, message: error.fix.map { "\(error.message). \($0)" } ?? error.message)
        }
    }
}
