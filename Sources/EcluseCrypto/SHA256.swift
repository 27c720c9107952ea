import CCrypto

/// SHA-256 through OpenSSL's libcrypto.
public enum SHA256 {
    /// The digest of `bytes`.
    public static func digest(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = Array(bytes).withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                EVP_Digest(
                    input.baseAddress, input.count,
                    out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length,
                    EVP_sha256(), nil
                )
            }
        }
        // EVP_Digest fails only when OpenSSL cannot allocate; nothing sensible can follow.
        precondition(ok == 1, "OpenSSL could not compute SHA-256")
        return Array(output.prefix(Int(length)))
    }

    /// The digest of a string's UTF-8 bytes, as lowercase hex.
    public static func hex(_ text: String) -> String { Hex.encode(digest(Array(text.utf8))) }

    /// The digest of `bytes`, as lowercase hex.
    public static func hex(_ bytes: some Collection<UInt8>) -> String { Hex.encode(digest(bytes)) }
}

/// HMAC-SHA-256 through libcrypto, for pseudonyms that only the key holder can link.
public enum HMACSHA256 {
    public static func authenticationCode(for message: some Collection<UInt8>, key: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { keyBytes in
            Array(message).withUnsafeBytes { input in
                HMAC(
                    EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                    input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count,
                    &output, &length
                )
            }
        }
        precondition(result != nil, "OpenSSL could not compute HMAC-SHA-256")
        return Array(output.prefix(Int(length)))
    }
}

/// Cryptographically strong random bytes from libcrypto.
public enum SecureRandom {
    public static func bytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let ok = RAND_bytes(&bytes, Int32(count))
        precondition(ok == 1, "OpenSSL's random generator failed")
        return bytes
    }
}

/// Lowercase hexadecimal encoding.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes lowercase or uppercase hex; nil when the text is not hex.
    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(chars.count / 2)
        var index = 0
        while index < chars.count {
            guard let high = value(chars[index]), let low = value(chars[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func value(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): char - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// SHA-256 over data fed in pieces, so a digest of many small values needs no joined copy.
///
/// Holds an OpenSSL context, freed when the hasher goes; confined to one task at a time.
public final class SHA256Hasher {
    private let context: OpaquePointer

    public init() {
        // EVP_MD_CTX_new fails only when OpenSSL cannot allocate; nothing sensible can follow.
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            preconditionFailure("OpenSSL could not start a SHA-256 digest")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    public func update(_ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) }
    }

    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in _ = EVP_DigestUpdate(context, raw.baseAddress, raw.count) }
    }

    /// The digest as lowercase hex; the hasher cannot be used after.
    public func finalizeHex() -> String {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &output, &length)
        return Hex.encode(output.prefix(Int(length)))
    }
}
