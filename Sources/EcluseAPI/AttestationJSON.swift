import EcluseCore
import Foundation

/// An attestation as the API shows it.
struct AttestationJSON: Encodable {
    var destination: String
    var kind: String
    var reference: String
    var documentSha256: String
    var issuer: String
    var expiresOn: String
    var valid: Bool

    init(_ attestation: Attestation, at date: Date) {
        destination = attestation.destination
        kind = attestation.kind
        reference = attestation.reference
        documentSha256 = attestation.documentSHA256
        issuer = attestation.issuer
        expiresOn = attestation.expiresOn.description
        valid = attestation.isValid(at: date)
    }
}

/// The body of `POST /api/v1/attestations`.
struct AttestationInput: Decodable {
    var destination: String
    var kind: String
    var reference: String
    var documentSha256: String
    var issuer: String
    var expiresOn: String
}

/// `GET /api/v1/attestations`: as `ecluse attestations --json`.
struct AttestationListJSON: Encodable {
    struct DestinationState: Encodable {
        var destination: String
        var eligible: Bool
        var reason: String?
    }

    var attestations: [AttestationJSON]
    var destinations: [DestinationState]
}
