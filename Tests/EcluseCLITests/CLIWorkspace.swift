import EcluseTesting
import Foundation

/// A fresh temporary folder holding one Ecluse data folder, a policy, vCard files and the vdir
/// destination the policy writes to; commands run against it through the real binary.
final class CLIWorkspace {
    let folder = TemporaryFolder("ecluse-cli")

    var dataFolder: String { folder.file("data") }

    /// The vdir folder of the shared destination `team-folder`.
    var teamFolder: URL { folder.url.appendingPathComponent("out/team-folder") }

    var policyPath: String { folder.file("policy.yaml") }

    var databasePath: String { folder.file("data/ecluse.sqlite") }

    /// Runs `ecluse --data <data folder> arguments…`.
    @discardableResult
    func ecluse(_ arguments: String..., environment: [String: String] = [:]) throws -> EcluseProcess.Result {
        try EcluseProcess.run(["--data", dataFolder] + arguments, environment: environment, scratch: folder.url)
    }

    /// Runs the binary with exactly `arguments`, no data folder added.
    func ecluseWithoutData(_ arguments: String...) throws -> EcluseProcess.Result {
        try EcluseProcess.run(arguments, scratch: folder.url)
    }

    /// Writes the policy (the shared team folder by default) and initialises the data folder with it.
    func initialise(policy: String? = nil) throws {
        try folder.write("policy.yaml", policy ?? teamPolicy())
        let result = try ecluse("init", "--policy", policyPath)
        guard result.exitCode == 0 else { throw Failed(step: "init", result: result) }
    }

    /// Writes the invented contacts `numbers` as one vCard file and returns its path.
    @discardableResult
    func writeCards(
        _ name: String, _ numbers: some Sequence<Int>, owner: (Int) -> String = { _ in "alice" },
        categories: (Int) -> String = { _ in "customer" }, phone: (Int) -> String? = { _ in nil }
    ) throws -> String {
        let text = numbers.map {
            Invented.vCard($0, owner: owner($0), categories: categories($0), phone: phone($0))
        }
        return try folder.write(name, text.joined())
    }

    /// Runs `arguments` and throws unless the command succeeded.
    @discardableResult
    func succeed(_ arguments: String...) throws -> EcluseProcess.Result {
        let result = try EcluseProcess.run(["--data", dataFolder] + arguments, scratch: folder.url)
        guard result.exitCode == 0 else { throw Failed(step: arguments.joined(separator: " "), result: result) }
        return result
    }

    /// The `.vcf` files of `folder`, by name, with their bytes.
    func vcfFiles(in folder: URL) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".vcf") }
        var files: [String: Data] = [:]
        for name in names { files[name] = try Data(contentsOf: folder.appendingPathComponent(name)) }
        return files
    }

    /// The modification dates of the `.vcf` files of `folder`, by name.
    func modificationDates(in folder: URL) throws -> [String: Date] {
        var dates: [String: Date] = [:]
        for name in try vcfFiles(in: folder).keys {
            let attributes = try FileManager.default.attributesOfItem(
                atPath: folder.appendingPathComponent(name).path)
            dates[name] = attributes[.modificationDate] as? Date
        }
        return dates
    }

    /// Parses the standard output of a `--json` run.
    func json(_ result: EcluseProcess.Result) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
    }

    /// Runs `sql` on the data folder's database with the `sqlite3` command-line tool.
    func tamper(_ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", databasePath, sql]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw SQLiteToolFailed(sql: sql, message: message)
        }
    }

    /// The shared policy: customers' name, organisation, title, work phone and work email go to
    /// a vdir folder.
    func teamPolicy(fields: String = "[name, organisation, title, phone.work, email.work]") -> String {
        """
        controller:
          name: Exemple SARL
          dpo: dpo@example.org
        purposes:
          account-directory:
            legal-basis: legitimate-interest
            description: The sales team finds the work details of the customers they serve.
        destinations:
          team-folder:
            kind: vdir
            path: \(teamFolder.path)
            scope: shared
            residency: eu
        rules:
          - purpose: account-directory
            to: team-folder
            subjects: { owner: any, tags-any: [customer] }
            fields: \(fields)
            keep: while-selected

        """
    }

    struct Failed: Error, CustomStringConvertible {
        var step: String
        var result: EcluseProcess.Result

        var description: String { "`ecluse \(step)` failed: \(result)" }
    }

    struct SQLiteToolFailed: Error, CustomStringConvertible {
        var sql: String
        var message: String

        var description: String { "sqlite3 refused `\(sql)`: \(message)" }
    }
}
