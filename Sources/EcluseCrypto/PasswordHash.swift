import CCrypto

/// A password kept as an scrypt hash (RFC 7914), through libcrypto's `EVP_PBE_scrypt`.
///
/// Stored as `scrypt$ln=15,r=8,p=1$SALT$KEY` (salt and derived key in hex), so that each hash
/// carries its own cost and old hashes keep verifying when the cost is raised. Neither the
/// description nor a dump shows the hash: it would help an offline guess.
public struct PasswordHash: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    /// scrypt's cost: `N = 2^logN` blocks of `128 × r` bytes, `p` lanes.
    public struct Cost: Sendable, Equatable {
        public var logN: Int
        public var r: Int
        public var p: Int

        public init(logN: Int, r: Int, p: Int) {
            self.logN = logN
            self.r = r
            self.p = p
        }

        /// 32 MiB of memory and about a tenth of a second here: OWASP's scrypt baseline or above.
        public static let standard = Cost(logN: 15, r: 8, p: 1)

        /// Memory OpenSSL must be allowed for this cost (RFC 7914 §6: `128 r (N + p + 2)`).
        var memoryNeeded: UInt64 { 128 * UInt64(r) * (UInt64(1) << UInt64(logN) + UInt64(p) + 2) }
    }

    /// The stored form.
    public let encoded: String

    static let saltLength = 16
    static let keyLength = 32

    /// Hashes `password` under a fresh random salt.
    public static func make(password: String, cost: Cost = .standard) -> PasswordHash {
        let salt = SecureRandom.bytes(saltLength)
        // The cost is ours and valid, so scrypt fails only when memory is exhausted.
        guard let key = derive(Array(password.utf8), salt: salt, cost: cost, length: keyLength) else {
            preconditionFailure("scrypt failed: libcrypto could not allocate \(cost.memoryNeeded) bytes")
        }
        return PasswordHash(trusted: format(cost, salt: salt, key: key))
    }

    /// Reads a stored hash; nil when it is not one this type wrote.
    public init?(encoded: String) {
        guard Self.parse(encoded) != nil else { return nil }
        self.encoded = encoded
    }

    private init(trusted encoded: String) {
        self.encoded = encoded
    }

    /// Whether `password` is the one hashed, compared in constant time.
    public func verifies(_ password: String) -> Bool {
        guard let (cost, salt, key) = Self.parse(encoded),
            let candidate = Self.derive(Array(password.utf8), salt: salt, cost: cost, length: key.count)
        else { return false }
        return candidate.withUnsafeBytes { a in
            key.withUnsafeBytes { b in CRYPTO_memcmp(a.baseAddress, b.baseAddress, key.count) == 0 }
        }
    }

    public var description: String { "PasswordHash(scrypt)" }

    public var customMirror: Mirror { Mirror(self, children: []) }

    /// scrypt itself, as RFC 7914 defines it; nil when libcrypto refuses.
    static func derive(_ password: [UInt8], salt: [UInt8], cost: Cost, length: Int) -> [UInt8]? {
        var key = [UInt8](repeating: 0, count: length)
        let ok = password.withUnsafeBufferPointer { pass in
            salt.withUnsafeBufferPointer { salt in
                pass.withMemoryRebound(to: CChar.self) { pass in
                    EVP_PBE_scrypt(
                        pass.baseAddress, pass.count, salt.baseAddress, salt.count, UInt64(1) << UInt64(cost.logN),
                        UInt64(cost.r), UInt64(cost.p), cost.memoryNeeded + 1 << 20, &key, length)
                }
            }
        }
        return ok == 1 ? key : nil
    }

    private static func format(_ cost: Cost, salt: [UInt8], key: [UInt8]) -> String {
        "scrypt$ln=\(cost.logN),r=\(cost.r),p=\(cost.p)$\(Hex.encode(salt))$\(Hex.encode(key))"
    }

    /// The cost, salt and key of a stored hash; costs beyond what a server can afford are refused,
    /// so that a tampered row cannot make a login take all memory.
    private static func parse(_ encoded: String) -> (Cost, [UInt8], [UInt8])? {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "scrypt" else { return nil }
        var values: [Substring: Int] = [:]
        for pair in parts[1].split(separator: ",") {
            let halves = pair.split(separator: "=")
            guard halves.count == 2, let number = Int(halves[1]) else { return nil }
            values[halves[0]] = number
        }
        guard let logN = values["ln"], let r = values["r"], let p = values["p"], (1...20).contains(logN),
            (1...32).contains(r), (1...16).contains(p), let salt = Hex.decode(String(parts[2])),
            let key = Hex.decode(String(parts[3])), !salt.isEmpty, key.count >= 16
        else { return nil }
        return (Cost(logN: logN, r: r, p: p), salt, key)
    }
}
