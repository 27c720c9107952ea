import Testing

@testable import EcluseCrypto

@Suite("Password hashes with scrypt")
struct PasswordHashTests {
    private static let cheap = PasswordHash.Cost(logN: 4, r: 8, p: 1)

    /// The second test vector of RFC 7914 §12.
    @Test func scryptMatchesTheRFCTestVector() throws {
        let key = try #require(
            PasswordHash.derive(
                Array("password".utf8), salt: Array("NaCl".utf8), cost: .init(logN: 10, r: 8, p: 16), length: 64))

        #expect(
            Hex.encode(key)
                == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830da"
                + "c727afb94a83ee6d8360cbdfa2cc0640")
    }

    @Test func theRightPasswordVerifiesAndAWrongOneDoesNot() {
        let hash = PasswordHash.make(password: "correct horse battery", cost: Self.cheap)

        #expect(hash.verifies("correct horse battery"))
        #expect(!hash.verifies("correct horse batterY"))
        #expect(!hash.verifies(""))
    }

    @Test func eachHashHasItsOwnSaltAndReadsBackFromItsStoredForm() throws {
        let first = PasswordHash.make(password: "same passphrase", cost: Self.cheap)
        let second = PasswordHash.make(password: "same passphrase", cost: Self.cheap)
        let read = try #require(PasswordHash(encoded: first.encoded))

        #expect(first.encoded != second.encoded)
        #expect(first.encoded.hasPrefix("scrypt$ln=4,r=8,p=1$"))
        #expect(read.verifies("same passphrase"))
    }

    @Test func neitherThePasswordNorTheHashShowsInDescriptions() {
        let hash = PasswordHash.make(password: "hunter2-but-longer", cost: Self.cheap)
        var dumped = ""
        dump(hash, to: &dumped)

        #expect("\(hash)" == "PasswordHash(scrypt)")
        #expect(!dumped.contains(hash.encoded.suffix(64)))
        #expect(!String(reflecting: hash).contains("scrypt$"))
    }

    @Test func storedFormsThatAreWrongOrTooCostlyAreRefused() {
        #expect(PasswordHash(encoded: "") == nil)
        #expect(PasswordHash(encoded: "bcrypt$x$y$z") == nil)
        #expect(PasswordHash(encoded: "scrypt$ln=30,r=8,p=1$00$" + String(repeating: "0", count: 64)) == nil)
        #expect(PasswordHash(encoded: "scrypt$ln=4,r=8,p=1$zz$" + String(repeating: "0", count: 64)) == nil)
    }
}
