import Foundation
import Testing

@Suite("ecluse user add: accounts with a role and a hashed password")
struct UserAddCommandTests {
    private static let password = "Invented-passphrase-42"

    @Test func anAccountIsAddedWithThePasswordFromTheEnvironmentAndOnlyItsHashIsStored() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()

        let result = try workspace.ecluse(
            "user", "add", "dana", "--role", "dpo", environment: ["ECLUSE_PASSWORD": Self.password])

        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout == "added the account dana with the role dpo\n")
        #expect(!result.stdout.contains(Self.password) && !result.stderr.contains(Self.password))
        let database = try Data(contentsOf: URL(fileURLWithPath: workspace.databasePath))
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: workspace.databasePath + "-wal"))) ?? Data()
        #expect(database.range(of: Data(Self.password.utf8)) == nil)
        #expect(wal.range(of: Data(Self.password.utf8)) == nil)
        #expect(
            database.range(of: Data("scrypt$ln=15,r=8,p=1$".utf8)) != nil || wal.range(of: Data("scrypt$".utf8)) != nil)
        // A DPO's account is not a salesperson: no per-user destination may fill a collection for it.
        #expect(try !workspace.ecluse("users").stdout.contains("dana"))
        _ = try workspace.ecluse(
            "user", "add", "sam", "--role", "sales", environment: ["ECLUSE_PASSWORD": Self.password])
        #expect(try workspace.ecluse("users").stdout.contains("sam"))
    }

    @Test func thePasswordCanComeOnStandardInput() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()

        let result = try Self.run(
            ["--data", workspace.dataFolder, "user", "add", "sam", "--role", "sales"], input: Self.password + "\n")

        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output == "added the account sam with the role sales\n")
    }

    @Test func aShortPasswordAnUnknownRoleAndASecondAccountAreRefused() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        let environment = ["ECLUSE_PASSWORD": Self.password]

        let short = try workspace.ecluse(
            "user", "add", "ana", "--role", "sales", environment: ["ECLUSE_PASSWORD": "short"])
        let role = try workspace.ecluse("user", "add", "ana", "--role", "boss", environment: environment)
        let first = try workspace.ecluse("user", "add", "ana", "--role", "admin", environment: environment)
        let again = try workspace.ecluse("user", "add", "ana", "--role", "sales", environment: environment)

        #expect(short.exitCode == 2)
        #expect(short.stderr.contains("shorter than 12 characters"))
        #expect(role.exitCode == 2)
        #expect(role.stderr.contains("use one of admin, dpo, sales"))
        #expect(first.exitCode == 0)
        #expect(again.exitCode == 2)
        #expect(again.stderr.contains("ana already has an account"))
    }

    @Test func aPasswordOptionDoesNotExist() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()

        let result = try workspace.ecluse("user", "add", "ana", "--role", "sales", "--password", Self.password)

        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("unknown option --password"))
    }

    /// Runs the binary with `input` on its standard input.
    private static func run(_ arguments: [String], input: String) throws -> (
        status: Int32, output: String, errors: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: EcluseProcess.binaryPath)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["ECLUSE_PASSWORD"] = nil
        environment["ECLUSE_DATA"] = nil
        process.environment = environment
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self)
        )
    }
}
