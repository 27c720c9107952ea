/// The id that ties an answer to its log line: taken from the client when it is a short token
/// of safe characters (so that an nginx front's id carries through), random otherwise.
enum RequestID {
    static let maximumLength = 64

    static func accept(_ offered: String?) -> String {
        guard let offered, isSafe(offered) else { return random() }
        return offered
    }

    /// Letters, digits, `-`, `_` and `.` only: the id is echoed in a header and written in logs,
    /// so it must not be able to forge a line or a field.
    static func isSafe(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= maximumLength else { return false }
        return text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                true
            default: false
            }
        }
    }

    /// 128 random bits as 32 hexadecimal digits.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return hex(high) + hex(low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
