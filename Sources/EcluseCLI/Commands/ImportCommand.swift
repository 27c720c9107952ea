import EcluseFormats
import EcluseImport
import Foundation

/// `ecluse import FILE…`: reads contacts (vCard, CSV) and appointments (iCalendar) into the store.
struct ImportCommand: Command {
    static let name = ["import"]
    static let summary = "import contacts (vCard 2.1/3.0/4.0, CSV) and appointments (iCalendar)"
    static let help = """
        Usage: ecluse import FILE... [--mapping FILE] [--partial] [--dry-run] [--region CODE] [--json]

        Reads each FILE and stores what it holds: contacts from vCard (.vcf) and CSV (.csv:
        Google Contacts and Outlook exports, or any table with --mapping), appointments from
        iCalendar (.ics). The format comes from the extension, else from the content.

        A contact already in the store (same UID, else the same email address, else the same
        phone number) is updated, or left alone when nothing changed: importing the same file
        twice changes nothing. An appointment is matched by its UID; its owner is the user whose
        email is its organiser (see `ecluse users import`).

        A file with a malformed record is refused whole, with the file and line of each problem,
        and nothing of it is stored; the other files go on.

          --mapping FILE  for a CSV whose columns are not a known layout: one `column = field`
                          per line (fields: name, name.given, name.family, organisation, title,
                          email.work, phone.mobile, address.work.city, birthday, note, tags,
                          owner, uid…; see docs/import.md)
          --partial       store the valid records of a file that has malformed ones, and report
                          the others (the exit status is still 2)
          --dry-run       read and match everything, report what would change, store nothing
          --region CODE   the country (ISO 3166, e.g. FR) that phone numbers written without a
                          country code are dialled from, for matching (default:
                          $ECLUSE_DEFAULT_REGION, else FR)
          --json          print the summary as JSON

        Exit status: 0 when every file was imported whole, 2 when a file or a record was refused.
        """
    static let flags: Set<String> = ["dry-run", "partial", "json"]
    static let valuedOptions: Set<String> = ["region", "mapping"]

    let files: [String]
    let dryRun: Bool
    let partial: Bool
    let region: String?
    let mappingFile: String?

    init(_ arguments: Arguments) throws {
        guard !arguments.operands.isEmpty else {
            throw CLIError.usage("name at least one file to import", command: "import")
        }
        files = arguments.operands
        dryRun = arguments.flag("dry-run")
        partial = arguments.flag("partial")
        mappingFile = arguments.value("mapping")
        region = arguments.value("region")?.uppercased()
        if let region, region.count != 2 || !region.allSatisfy(\.isLetter) {
            throw CLIError.usage("--region takes a two-letter country code such as FR", command: "import")
        }
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let mapping = try loadMapping()
        let defaultRegion = region ?? context.environment["ECLUSE_DEFAULT_REGION"]?.uppercased() ?? "FR"
        guard PhoneNumberNormaliser.isSupported(region: defaultRegion) else {
            throw CLIError(
                "unknown region \(defaultRegion) for phone numbers",
                fix: "give --region (or ECLUSE_DEFAULT_REGION) a two-letter country code such as FR, DE or BE")
        }
        let store = try context.store()
        let lock = try DataFolderLock(folder: context.dataFolder, command: "import")
        defer { withExtendedLifetime(lock) {} }
        let contacts = ContactImporter(
            store: store, clock: context.clock,
            defaultRegion: defaultRegion, logger: context.logger)
        let appointments = AppointmentImporter(store: store, clock: context.clock, logger: context.logger)

        var results: [FileImportResult] = []
        for file in files {
            let name = URL(fileURLWithPath: file).lastPathComponent
            let head = FileHandle(forReadingAtPath: file).map { handle in
                defer { try? handle.close() }
                return Array((try? handle.read(upToCount: 512)) ?? Data())
            }
            if ImportFormat.detect(path: file, bytes: head ?? []) == .iCalendar {
                results.append(appointments.importFile(at: file, dryRun: dryRun, partial: partial))
                continue
            }
            let result = contacts.importFile(at: file, mapping: mapping, dryRun: dryRun, partial: partial) {
                done, total in context.output.progress("importing \(name)", done: done, total: total)
            }
            context.output.progress("importing \(name)", done: 1, total: 1)
            results.append(result)
        }
        report(results, to: context.output)
        if results.contains(where: \.notStored) { return .failure }
        return results.allSatisfy(\.errors.isEmpty) ? .success : .badInput
    }

    private func loadMapping() throws -> CSVMapping? {
        guard let mappingFile else { return nil }
        guard let data = FileManager.default.contents(atPath: mappingFile) else {
            throw CLIError("cannot read the mapping file \(mappingFile)", fix: "check the path")
        }
        do { return try CSVMapping(parsing: String(decoding: data, as: UTF8.self), file: mappingFile) } catch {
            throw CLIError("\(error)", fix: "write one `column = field` per line; see `ecluse import --help`")
        }
    }

    private func report(_ results: [FileImportResult], to output: Output) {
        if output.json {
            try? output.emit(results.map(ImportSummaryJSON.init))
        } else {
            for result in results { print(result, to: output) }
            let kept = results.filter { !$0.refused }
            let total = kept.reduce(0) { $0 + $1.created + $1.updated + $1.unchanged }
            output.line(
                "\(dryRun ? "Would import" : "Imported") \(total) records from \(kept.count) file(s); "
                    + "\(results.count - kept.count) file(s) refused")
        }
        for result in results where !result.errors.isEmpty {
            for error in result.errors.prefix(10) { FileHandle.standardError.write(Data("error: \(error)\n".utf8)) }
            if result.errors.count > 10 {
                let more = "error: \(result.file): … and \(result.errors.count - 10) more problems of this file\n"
                FileHandle.standardError.write(Data(more.utf8))
            }
        }
        if results.contains(where: { $0.refused && !$0.notStored }) {
            let hint =
                "hint: nothing of a refused file was stored; fix what is named above and import it again, "
                + "or use --partial to keep its valid records\n"
            FileHandle.standardError.write(Data(hint.utf8))
        }
    }

    private func print(_ result: FileImportResult, to output: Output) {
        if result.refused {
            output.line("\(result.file): refused (\(result.errors.count) error(s))")
            return
        }
        let kind = result.format == .iCalendar ? "appointments" : "contacts"
        output.line(
            "\(result.file): \(kind): \(result.created) created, \(result.updated) updated, "
                + "\(result.unchanged) unchanged, \(result.skipped) skipped, \(result.warnings.count) warning(s)")
        for warning in result.warnings.prefix(20) { output.line("  \(warning)") }
        if result.warnings.count > 20 { output.line("  … and \(result.warnings.count - 20) more warnings") }
    }
}

/// The JSON form of one file's import.
struct ImportSummaryJSON: Encodable {
    var file: String
    var format: String?
    var created: Int
    var updated: Int
    var unchanged: Int
    var skipped: Int
    var warnings: [String]
    var errors: [String]
    var refused: Bool
    var dryRun: Bool

    init(_ result: FileImportResult) {
        file = result.file
        format = result.format?.rawValue
        created = result.created
        updated = result.updated
        unchanged = result.unchanged
        skipped = result.skipped
        warnings = result.warnings.map(\.description)
        errors = result.errors.map(\.description)
        refused = result.refused
        dryRun = result.dryRun
    }
}
