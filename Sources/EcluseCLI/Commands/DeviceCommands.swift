import EcluseCore
import EcluseStore
import Foundation

/// `ecluse device attest USER`: records that a user's phone meets the policy's preamble.
struct DeviceAttestCommand: Command {
    static let name = ["device", "attest"]
    static let summary = "record that a user's phone meets the policy's device preamble"
    static let help = """
        Usage: ecluse device attest USER --conditions C1,C2,... --device TEXT [--policy FILE]

        Records the user's statement that their phone meets each listed condition (the policy's
        `device-preamble:` names the conditions it requires, such as encrypted-storage,
        screen-lock, supported-os, remote-wipe, no-personal-cloud-backup-outside-eu). While a
        user has no current attestation covering every required condition, no per-user
        destination sends them anything new. TEXT describes the phone (model and system).
        """
    static let valuedOptions: Set<String> = ["conditions", "device", "policy"]
    static let flags: Set<String> = ["json"]

    let user: String
    let conditions: [String]
    let device: String
    let policyFile: String?

    init(_ arguments: Arguments) throws {
        guard arguments.operands.count == 1, let user = arguments.operands.first else {
            throw CLIError.usage("name the user whose phone it is", command: "device attest")
        }
        guard let list = arguments.value("conditions"), let device = arguments.value("device"), !device.isEmpty else {
            throw CLIError.usage("give --conditions and --device", command: "device attest")
        }
        self.user = user
        conditions = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        self.device = device
        policyFile = arguments.value("policy")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let policy = try context.policy(at: policyFile).policy
        let store = try context.store()
        guard try store.users().contains(where: { $0.login == user }) else {
            throw CLIError("there is no user \(user)", fix: "see `ecluse users` for the logins")
        }
        let required = policy.devicePreamble?.conditions ?? []
        let missing = required.filter { !conditions.contains($0) }
        guard missing.isEmpty else {
            throw CLIError(
                "the attestation lacks what the policy requires: \(missing.joined(separator: ", "))",
                fix: "attest every condition of the policy's device-preamble, or have the phone fixed first")
        }
        let attestation = DeviceAttestation(
            user: user, conditions: conditions, device: device, attestedAt: context.clock.now())
        try store.add(attestation)
        if context.output.json {
            try context.output.emit(attestation)
        } else {
            let until = policy.devicePreamble.map { preamble in
                LedgerDay.format(attestation.attestedAt.addingTimeInterval(preamble.validFor.seconds))
            }
            context.output.line("Recorded \(user)'s phone" + (until.map { ", valid until \($0)" } ?? ""))
        }
        return .success
    }
}

/// `ecluse devices`: which users' phones are attested, and until when.
struct DevicesCommand: Command {
    static let name = ["devices"]
    static let summary = "list which users' phones meet the device preamble, and until when"
    static let help = """
        Usage: ecluse devices [--policy FILE] [--json]

        For each user: whether their phone has a current attestation covering every condition
        of the policy's device preamble, or why not.
        """
    static let valuedOptions: Set<String> = ["policy"]
    static let flags: Set<String> = ["json"]

    let policyFile: String?

    init(_ arguments: Arguments) throws {
        guard arguments.operands.isEmpty else { throw CLIError.usage("devices takes no operands", command: "devices") }
        policyFile = arguments.value("policy")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let policy = try context.policy(at: policyFile).policy
        let store = try context.store()
        let attestations = try store.deviceAttestations()
        let now = context.clock.now()
        let rows = try store.users().map { user -> [String: String] in
            let reason = policy.devicePreamble?.holdReason(for: user.login, attestations: attestations, at: now)
            return ["user": user.login, "status": reason ?? "attested"]
        }
        if context.output.json {
            try context.output.emit(rows)
            return .success
        }
        if policy.devicePreamble == nil { context.output.line("The policy has no device preamble.") }
        for row in rows { context.output.line("\(row["user"] ?? ""): \(row["status"] ?? "")") }
        return .success
    }
}

/// Days written YYYY-MM-DD in UTC, for messages.
enum LedgerDay {
    static func format(_ date: Date) -> String {
        LocalDateTime(date, in: TimeZone(identifier: "UTC") ?? .current).date.description
    }
}
