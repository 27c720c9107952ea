import EcluseCrypto

/// The secret in a feed's address: 32 random bytes, base64url without padding (43 characters).
///
/// Only its SHA-256 is stored, so a copy of the database opens no feed. A guess is checked by
/// looking its hash up in a unique index: the work is the same for every wrong token, whether
/// it was never issued or was revoked.
public enum FeedTokenText {
    public static let length = 43

    public static func generate() -> String {
        base64URL(SecureRandom.bytes(32))
    }

    /// The hash under which the store keeps `token`.
    public static func sha256(_ token: String) -> String { SHA256.hex(token) }

    /// Whether `text` has a token's shape; anything else is answered like an unknown token.
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == length
            && text.utf8.allSatisfy { byte in
                (65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte) || byte == 45
                    || byte == 95
            }
    }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value: UInt32 = 0
            for byte in chunk { value = value << 8 | UInt32(byte) }
            value <<= UInt32(8 * (3 - chunk.count))
            for position in 0...chunk.count {
                output.append(alphabet[Int(value >> UInt32(18 - 6 * position) & 63)])
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
