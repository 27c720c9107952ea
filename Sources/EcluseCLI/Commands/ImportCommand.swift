import EcluseFormats
import EcluseImport
import Foundation

/// `ecluse import FILE…`: reads vCard files into the store.
struct ImportCommand: Command {
    static let name = ["import"]
    static let summary = "import vCard files (3.0 and 4.0; 2.1 is read too) into the store"
    static let help = """
        Usage: ecluse import FILE... [--dry-run] [--json]

        Reads each FILE and stores its contacts. A contact already in the store (same UID, or
        the same email address) is updated, or left alone when nothing changed: importing the
        same file twice changes nothing. A file with a malformed card is refused whole, with
        the file and line of each problem, and nothing of it is stored; the other files go on.

          --dry-run       read and match everything, report what would change, store nothing
          --region CODE   the country (ISO 3166, e.g. FR) that phone numbers written without a
                          country code are dialled from, for matching (default: $ECLUSE_DEFAULT_REGION,
                          else FR)
          --json          print the summary as JSON

        Exit status: 0 when every file was imported, 2 when a file was refused.
        """
    static let flags: Set<String> = ["dry-run", "json"]
    static let valuedOptions: Set<String> = ["region"]

    let files: [String]
    let dryRun: Bool
    let region: String?

    init(_ arguments: Arguments) throws {
        guard !arguments.operands.isEmpty else {
            throw CLIError.usage("name at least one file to import", command: "import")
        }
        files = arguments.operands
        dryRun = arguments.flag("dry-run")
        region = arguments.value("region")?.uppercased()
        if let region, region.count != 2 || !region.allSatisfy(\.isLetter) {
            throw CLIError.usage("--region takes a two-letter country code such as FR", command: "import")
        }
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let importer = ContactImporter(
            store: try context.store(), clock: context.clock,
            defaultRegion: region ?? context.environment["ECLUSE_DEFAULT_REGION"] ?? "FR", logger: context.logger)
        var results: [FileImportResult] = []
        for file in files {
            let name = URL(fileURLWithPath: file).lastPathComponent
            let result = importer.importFile(at: file, dryRun: dryRun) { done, total in
                context.output.progress("importing \(name)", done: done, total: total)
            }
            context.output.progress("importing \(name)", done: 1, total: 1)
            results.append(result)
        }

        let refused = results.filter(\.refused)
        if context.output.json {
            try context.output.emit(results.map(ImportSummaryJSON.init))
        } else {
            for result in results { print(result, to: context.output) }
            let total = results.filter { !$0.refused }.reduce(0) { $0 + $1.created + $1.updated + $1.unchanged }
            context.output.line(
                "\(dryRun ? "Would import" : "Imported") \(total) contacts from "
                    + "\(results.count - refused.count) file(s); \(refused.count) file(s) refused")
        }
        for result in refused {
            for error in result.errors.prefix(10) { FileHandle.standardError.write(Data("error: \(error)\n".utf8)) }
            if result.errors.count > 10 {
                FileHandle.standardError.write(
                    Data(
                        "error: \(result.file): … and \(result.errors.count - 10) more problems of this file\n"
                            .utf8
                    ))
            }
        }
        if !refused.isEmpty {
            FileHandle.standardError.write(
                Data(
                    "hint: nothing of a refused file was stored; fix the lines named above and import it again\n".utf8))
        }
        return refused.isEmpty ? .success : .badInput
    }

    private func print(_ result: FileImportResult, to output: Output) {
        if result.refused {
            output.line("\(result.file): refused (\(result.errors.count) error(s))")
            return
        }
        output.line(
            "\(result.file): \(result.created) created, \(result.updated) updated, "
                + "\(result.unchanged) unchanged, \(result.skipped) skipped, \(result.warnings.count) warning(s)")
        for warning in result.warnings.prefix(20) { output.line("  \(warning)") }
        if result.warnings.count > 20 { output.line("  … and \(result.warnings.count - 20) more warnings") }
    }
}

/// The JSON form of one file's import.
struct ImportSummaryJSON: Encodable {
    var file: String
    var created: Int
    var updated: Int
    var unchanged: Int
    var skipped: Int
    var warnings: [String]
    var errors: [String]
    var refused: Bool

    init(_ result: FileImportResult) {
        file = result.file
        created = result.created
        updated = result.updated
        unchanged = result.unchanged
        skipped = result.skipped
        warnings = result.warnings.map(\.description)
        errors = result.errors.map(\.description)
        refused = result.refused
    }
}
