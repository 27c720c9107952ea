import EcluseCore
import EcluseHTTP
import EcluseStore
import Foundation

/// `GET` and `POST /api/v1/attestations`: the documents that make a destination eligible.
struct AttestationsEndpoint: Sendable {
    let service: APIService

    func list(_ request: Request, _ caller: APICaller) throws -> Response {
        let policy = try service.policy()
        let onFile = try service.withStore { try $0.attestations() }
        let now = service.clock.now()
        return try APIJSON.response(
            AttestationListJSON(
                attestations: onFile.map { AttestationJSON($0, at: now) },
                destinations: policy.destinations.map {
                    let eligibility = Eligibility(of: $0, attestations: onFile, at: now)
                    return .init(destination: $0.name, eligible: eligibility.isEligible, reason: eligibility.reason)
                }))
    }

    /// Files an attestation, as `ecluse attestation add` does with `--reference` and `--sha256`.
    func file(_ request: Request, _ caller: APICaller) throws -> Response {
        let input = try APIJSON.decode(AttestationInput.self, from: request)
        let policy = try service.policy()
        guard let target = policy.destination(named: input.destination) else {
            throw APIProblems.unprocessable("the policy has no destination of this name")
        }
        let kind = input.kind.trimmingCharacters(in: .whitespaces)
        let reference = input.reference.trimmingCharacters(in: .whitespaces)
        let issuer = input.issuer.trimmingCharacters(in: .whitespaces)
        let hash = input.documentSha256.lowercased()
        guard !kind.isEmpty, !reference.isEmpty, !issuer.isEmpty else {
            throw APIProblems.unprocessable("`kind`, `reference` and `issuer` must not be empty")
        }
        guard hash.utf8.count == 64, hash.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw APIProblems.unprocessable("`document_sha256` takes the 64 hex digits of a SHA-256")
        }
        guard let expires = CalendarDate(isoDay: input.expiresOn) else {
            throw APIProblems.unprocessable("`expires_on` takes a date of the calendar written YYYY-MM-DD")
        }
        let now = service.clock.now()
        let attestation = Attestation(
            destination: target.name, kind: kind, place: target.place, reference: reference, documentSHA256: hash,
            issuer: issuer, expiresOn: expires, addedAt: now)
        guard attestation.isValid(at: now) else {
            throw APIProblems.unprocessable("the attestation expired before today; file the current document")
        }
        try service.withStore { try $0.add(attestation) }
        return try APIJSON.response(AttestationJSON(attestation, at: now), status: 201)
    }

    static let listOperation = OpenAPIOperation(
        id: "listAttestations", summary: "The attestations on file and the destinations they make eligible",
        successSchema: "AttestationList")

    static let fileOperation = OpenAPIOperation(
        id: "fileAttestation", summary: "File an attestation for a destination",
        requestBody: ["application/json": ["$ref": "#/components/schemas/AttestationInput"]],
        successStatus: 201, successSchema: "Attestation", errors: [400, 415, 422])
}
