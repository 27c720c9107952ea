import EcluseCore

/// A destination as the API shows it.
struct DestinationJSON: Encodable {
    var name: String
    var kind: String
    var scope: String
    var residency: String
    /// Who accepted a destination outside the EU guarantee, and when.
    var residencyNote: String?
    var requiredAttestations: [String]
    var eligible: Bool
    var reason: String?

    init(_ destination: Destination, eligibility: Eligibility) {
        name = destination.name
        kind = destination.kind.rawValue
        scope = destination.scope.rawValue
        residency = destination.residency.flag == nil ? "eu" : "own-risk"
        residencyNote = destination.residency.flag
        requiredAttestations = destination.attestations
        eligible = eligibility.isEligible
        reason = eligibility.reason
    }
}
