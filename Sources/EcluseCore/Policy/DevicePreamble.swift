import Foundation

/// The storage conditions a user's phone must meet, attested by the user, before any
/// per-user destination (or, later, a download) serves that user.
public struct DevicePreamble: Sendable, Hashable {
    /// The conditions to attest, as the policy names them (`encrypted-storage`, `screen-lock`…).
    public var conditions: [String]
    /// How long an attestation holds before it must be renewed.
    public var validFor: Period

    public init(conditions: [String], validFor: Period) {
        self.conditions = conditions
        self.validFor = validFor
    }

    /// Why `user`'s collections receive nothing now, or nil when their phone is attested.
    public func holdReason(for user: String, attestations: [DeviceAttestation], at date: Date) -> String? {
        let current = attestations.filter { attestation in
            attestation.user == user && attestation.attestedAt <= date
                && date < attestation.attestedAt.addingTimeInterval(validFor.seconds)
        }
        guard let latest = current.max(by: { $0.attestedAt < $1.attestedAt }) else {
            return "the user's phone has no current attestation of the device preamble"
        }
        let missing = conditions.filter { !latest.conditions.contains($0) }
        guard missing.isEmpty else {
            return "the user's phone attestation lacks \(missing.joined(separator: ", "))"
        }
        return nil
    }
}

/// A user's statement that their phone meets the preamble's conditions.
public struct DeviceAttestation: Sendable, Hashable, Codable {
    public var user: String
    public var conditions: [String]
    /// The phone, as the user describes it (model and system version).
    public var device: String
    public var attestedAt: Date

    public init(user: String, conditions: [String], device: String, attestedAt: Date) {
        self.user = user
        self.conditions = conditions
        self.device = device
        self.attestedAt = attestedAt
    }
}
