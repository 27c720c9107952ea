import EcluseCore
import EcluseCrypto
import EcluseStore
import Foundation

/// `ecluse attestation add`: files a document that makes a destination eligible.
struct AttestationAddCommand: Command {
    static let name = ["attestation", "add"]
    static let summary = "file an attestation (EU hosting, contract…) for a destination"
    static let help = """
        Usage: ecluse attestation add DESTINATION KIND --issuer NAME --expires YYYY-MM-DD
                                      (--document FILE | --reference REF --sha256 HEX) [--policy FILE]

        Files the attestation KIND (as the destination's `attestations:` list names it) for
        DESTINATION. Ecluse keeps the document's reference and SHA-256, not the document: with
        --document it reads the file and computes the hash; otherwise give both.

        A destination receives nothing new while one of its required attestations is missing
        or expired (the last valid day is --expires); the policy's `when-attestations-lapse`
        says whether its copies stay (`freeze`, the default) or are taken back (`withdraw`).
        """
    static let valuedOptions: Set<String> = ["issuer", "expires", "document", "reference", "sha256", "policy"]
    static let flags: Set<String> = ["json"]

    let destination: String
    let kind: String
    let issuer: String
    let expires: CalendarDate
    let document: String?
    let reference: String?
    let sha256: String?
    let policyFile: String?

    init(_ arguments: Arguments) throws {
        let command = "attestation add"
        guard arguments.operands.count == 2 else {
            throw CLIError.usage("name the destination and the kind of attestation", command: command)
        }
        destination = arguments.operands[0]
        kind = arguments.operands[1].trimmingCharacters(in: .whitespaces)
        guard !kind.isEmpty else { throw CLIError.usage("the kind of attestation is empty", command: command) }
        guard let issuer = arguments.value("issuer"), !issuer.isEmpty else {
            throw CLIError.usage("say who issued it with --issuer", command: command)
        }
        self.issuer = issuer
        guard let text = arguments.value("expires"), let date = CalendarDate(iso: text) else {
            throw CLIError.usage("give the last valid day with --expires YYYY-MM-DD", command: command)
        }
        expires = date
        document = arguments.value("document")
        reference = arguments.value("reference")
        sha256 = arguments.value("sha256")?.lowercased()
        policyFile = arguments.value("policy")
        if document == nil, reference == nil || sha256 == nil {
            throw CLIError.usage("give --document FILE, or both --reference and --sha256", command: command)
        }
        if document != nil, sha256 != nil {
            throw CLIError.usage(
                "give --document FILE (Ecluse computes its SHA-256) or --sha256, not both", command: command)
        }
        if let reference, reference.trimmingCharacters(in: .whitespaces).isEmpty {
            throw CLIError.usage("--reference is empty", command: command)
        }
        if let sha256, sha256.count != 64 || Hex.decode(sha256) == nil {
            throw CLIError.usage("--sha256 takes the 64 hex digits of a SHA-256", command: command)
        }
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let policy = try context.policy(at: policyFile).policy
        guard let target = policy.destination(named: destination) else {
            let names = policy.destinations.map(\.name).joined(separator: ", ")
            throw CLIError("the policy has no destination \(destination)", fix: "use one of: \(names)")
        }
        var hash = sha256 ?? ""
        var filed = reference ?? ""
        if let document {
            guard let data = FileManager.default.contents(atPath: document) else {
                throw CLIError("cannot read the document \(document)", fix: "check the path")
            }
            hash = SHA256.hex(Array(data))
            filed = reference ?? URL(fileURLWithPath: document).lastPathComponent
        }
        let attestation = Attestation(
            destination: destination, kind: kind, place: target.place, reference: filed, documentSHA256: hash,
            issuer: issuer,
            expiresOn: expires, addedAt: context.clock.now())
        if !attestation.isValid(at: context.clock.now()) {
            throw CLIError(
                "the attestation expired on \(expires), before today",
                fix: "file the current document, with the last day it is valid")
        }
        try context.store().add(attestation)

        if context.output.json {
            try context.output.emit(AttestationJSON(attestation, at: context.clock.now()))
        } else {
            context.output.line(
                "Filed \(kind) for \(destination), valid through \(expires), sha256 \(hash.prefix(16))…")
        }
        if !target.attestations.contains(kind) {
            let required = target.attestations.isEmpty ? "none" : target.attestations.joined(separator: ", ")
            FileHandle.standardError.write(
                Data(
                    "warning: the policy does not require \(kind) for \(destination) (it requires: \(required))\n".utf8)
            )
        }
        return .success
    }
}

/// `ecluse attestations`: the attestations on file and what each destination may receive.
struct AttestationsCommand: Command {
    static let name = ["attestations"]
    static let summary = "list the attestations on file and which destinations they make eligible"
    static let help = """
        Usage: ecluse attestations [--policy FILE] [--json]

        Lists every attestation on file with its expiry, then, for each destination of the
        policy, whether it may receive data now or what it lacks.
        """
    static let valuedOptions: Set<String> = ["policy"]
    static let flags: Set<String> = ["json"]

    let policyFile: String?

    init(_ arguments: Arguments) throws {
        guard arguments.operands.isEmpty else {
            throw CLIError.usage("attestations takes no operands", command: "attestations")
        }
        policyFile = arguments.value("policy")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let policy = try context.policy(at: policyFile).policy
        let onFile = try context.store().attestations()
        let now = context.clock.now()
        let eligibility = policy.destinations.map { Eligibility(of: $0, attestations: onFile, at: now) }
        if context.output.json {
            try context.output.emit(
                AttestationsJSON(
                    attestations: onFile.map { AttestationJSON($0, at: now) },
                    destinations: eligibility.map {
                        .init(destination: $0.destination, eligible: $0.isEligible, reason: $0.reason)
                    }))
            return .success
        }
        for attestation in onFile {
            let state = attestation.isValid(at: now) ? "valid through" : "EXPIRED on"
            context.output.line(
                "\(attestation.destination) · \(attestation.kind) · \(state) \(attestation.expiresOn) · "
                    + "\(attestation.issuer) · \(attestation.reference) · "
                    + "sha256 \(attestation.documentSHA256.prefix(16))…"
            )
        }
        for item in eligibility {
            context.output.line(
                "\(item.destination): " + (item.reason.map { "receives nothing new: \($0)" } ?? "eligible"))
        }
        return .success
    }
}

/// The JSON form of an attestation.
struct AttestationJSON: Encodable {
    var destination: String
    var kind: String
    var reference: String
    var documentSHA256: String
    var issuer: String
    var expiresOn: String
    var valid: Bool

    init(_ attestation: Attestation, at date: Date) {
        destination = attestation.destination
        kind = attestation.kind
        reference = attestation.reference
        documentSHA256 = attestation.documentSHA256
        issuer = attestation.issuer
        expiresOn = attestation.expiresOn.description
        valid = attestation.isValid(at: date)
    }
}

/// The JSON form of `ecluse attestations`.
struct AttestationsJSON: Encodable {
    struct DestinationJSON: Encodable {
        var destination: String
        var eligible: Bool
        var reason: String?
    }

    var attestations: [AttestationJSON]
    var destinations: [DestinationJSON]
}

extension CalendarDate {
    /// A date written YYYY-MM-DD, checked against the calendar; nil otherwise.
    init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard text.count == 10, parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2],
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        guard
            calendar.date(from: DateComponents(year: year, month: month, day: day)).map({
                calendar.component(.day, from: $0) == day
            }) == true
        else { return nil }
        self.init(year: year, month: month, day: day)
    }
}
