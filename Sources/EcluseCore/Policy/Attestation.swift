import Foundation

/// A document on file that makes a destination eligible: an attestation of EU hosting, a
/// declaration that no copy leaves the EU, a contract with the provider's EU entity…
///
/// Ecluse keeps the document's reference and SHA-256, not the document: the DPO files it; the
/// hash proves later which version was relied on.
public struct Attestation: Sendable, Hashable, Codable {
    /// The destination it is for.
    public var destination: String
    /// What it attests, as the policy names it in `attestations:` (`eu-hosting`…).
    public var kind: String
    /// Where the destination wrote when the attestation was filed (`Destination.place`): a
    /// destination pointed at another host or folder needs its documents filed again.
    public var place: String
    /// Where the document is filed (a file name, a document-management reference).
    public var reference: String
    /// The SHA-256 of the document, hex.
    public var documentSHA256: String
    /// Who issued it (the provider, an auditor).
    public var issuer: String
    /// The last day it is valid.
    public var expiresOn: CalendarDate
    public var addedAt: Date

    public init(
        destination: String, kind: String, place: String = "", reference: String, documentSHA256: String,
        issuer: String, expiresOn: CalendarDate, addedAt: Date
    ) {
        self.destination = destination
        self.kind = kind
        self.place = place
        self.reference = reference
        self.documentSHA256 = documentSHA256
        self.issuer = issuer
        self.expiresOn = expiresOn
        self.addedAt = addedAt
    }

    /// Whether it is still valid at `date`: through the whole of its last day, in UTC.
    public func isValid(at date: Date) -> Bool {
        date < LocalDateTime(date: expiresOn).instantInUTC.addingTimeInterval(86_400)
    }
}

/// What happens to the copies at a destination whose attestations lapse.
public enum AttestationLapse: String, Sendable, Hashable, CaseIterable {
    /// Nothing new is sent and nothing is updated; the copies there stay as they are, and
    /// copies whose subjects leave the rules are still taken back.
    case freeze
    /// Every copy there is taken back.
    case withdraw
}

/// Whether a destination may receive data now, given the attestations on file (promise 2).
public struct Eligibility: Sendable, Hashable {
    public var destination: String
    /// Required kinds with no attestation on file.
    public var missing: [String]
    /// Required kinds whose every attestation has expired, with the last expiry.
    public var expired: [String: CalendarDate]
    /// Required kinds filed only for the place the destination wrote to before its `url` or
    /// `path` changed.
    public var moved: [String]

    public var isEligible: Bool { missing.isEmpty && expired.isEmpty && moved.isEmpty }

    /// The eligibility of `destination` at `date`.
    public init(of destination: Destination, attestations: [Attestation], at date: Date) {
        self.destination = destination.name
        var missing: [String] = []
        var expired: [String: CalendarDate] = [:]
        var moved: [String] = []
        for kind in destination.attestations {
            let named = attestations.filter { $0.destination == destination.name && $0.kind == kind }
            let onFile = named.filter { $0.place == destination.place }
            if onFile.isEmpty, !named.isEmpty {
                moved.append(kind)
            } else if onFile.isEmpty {
                missing.append(kind)
            } else if !onFile.contains(where: { $0.isValid(at: date) }) {
                expired[kind] = onFile.map(\.expiresOn).max()
            }
        }
        self.missing = missing
        self.expired = expired
        self.moved = moved
    }

    /// Why the destination receives nothing new, worded for a plan or a report.
    public var reason: String? {
        guard !isEligible else { return nil }
        var parts: [String] = []
        if !missing.isEmpty { parts.append("no attestation on file for \(missing.joined(separator: ", "))") }
        if !moved.isEmpty {
            parts.append(
                "the \(moved.joined(separator: ", ")) attestation was filed before the destination's url or path "
                    + "changed; file it again for the new place")
        }
        for kind in expired.keys.sorted() {
            parts.append("the \(kind) attestation expired on \(expired[kind]?.description ?? "?")")
        }
        return parts.joined(separator: "; ")
    }
}
