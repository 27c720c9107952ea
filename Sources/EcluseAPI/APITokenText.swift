import EcluseCrypto
import Foundation

/// The secret of an API token: 32 random bytes, base64url without padding (43 characters).
///
/// Only its SHA-256 is stored. A presented token is looked up by that hash in a unique index,
/// so no string comparison of secrets happens and a guess costs the same however close it is.
public enum APITokenText {
    public static let length = 43

    public static func generate() -> String {
        Data(SecureRandom.bytes(32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The hash under which the store keeps `token`.
    public static func sha256(_ token: String) -> String { SHA256.hex(token) }

    /// Whether `text` has a token's shape; anything else is refused without a lookup.
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == length
            && text.utf8.allSatisfy { byte in
                (65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte) || byte == 45
                    || byte == 95
            }
    }
}
