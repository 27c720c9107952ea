import EcluseCore
import EcluseCrypto

/// Turns a subject id into the pseudonym the ledger and reports use.
///
/// An HMAC with a key kept in the store: the same subject always gets the same pseudonym, and
/// without the key nobody can tell which subject a pseudonym stands for. Erasing a subject
/// from the store leaves its ledger entries as proof that cannot be linked back to a person.
public struct Pseudonymizer: Sendable {
    private let key: [UInt8]

    public init(key: [UInt8]) { self.key = key }

    public func pseudonym(for subject: SubjectID) -> String {
        let code = HMACSHA256.authenticationCode(for: Array("subject:\(subject.rawValue)".utf8), key: key)
        return "s-" + Hex.encode(code.prefix(10))
    }
}
