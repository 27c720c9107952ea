/// The few ASCII bytes the vCard code looks for.
enum Ascii {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let comma: UInt8 = 0x2C
    static let period: UInt8 = 0x2E
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let equals: UInt8 = 0x3D
    static let backslash: UInt8 = 0x5C

    static func isHexDigit(_ byte: UInt8) -> Bool { hexValue(byte) != nil }

    /// `byte` with ASCII letters in upper case.
    static func upper(_ byte: UInt8) -> UInt8 { (0x61...0x7A).contains(byte) ? byte - 0x20 : byte }

    /// Whether `bytes` contains `needle` (upper-case ASCII), ignoring the case of letters.
    ///
    /// Works on bytes: String's `contains` and `uppercased` went through Unicode machinery for
    /// every content line and dominated parsing.
    static func containsIgnoringCase(_ bytes: some Collection<UInt8>, _ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = pattern.first, bytes.count >= pattern.count else { return false }
        var index = bytes.startIndex
        while index != bytes.endIndex {
            if upper(bytes[index]) == first,
                zip(bytes[index...], pattern).allSatisfy({ upper($0) == $1 }),
                bytes.distance(from: index, to: bytes.endIndex) >= pattern.count
            {
                return true
            }
            index = bytes.index(after: index)
        }
        return false
    }

    /// Whether `bytes`, with spaces and tabs removed at both ends and inside, equal `text`
    /// (upper-case ASCII), ignoring the case of letters.
    static func equalsIgnoringCaseAndSpaces(_ bytes: some Collection<UInt8>, _ text: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        let kept = bytes.lazy.filter { $0 != space && $0 != tab && $0 != carriageReturn && $0 != lineFeed }
        return kept.count == pattern.count && zip(kept, pattern).allSatisfy { upper($0) == $1 }
    }

    /// `bytes` without spaces, tabs and line breaks at either end.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        func isSpace(_ byte: UInt8) -> Bool {
            byte == space || byte == tab || byte == carriageReturn || byte == lineFeed
        }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return bytes[bytes.startIndex..<bytes.startIndex] }
        return bytes[first...last]
    }

    /// `bytes` as text in upper case: ASCII letters byte by byte, anything else by Unicode's
    /// rules, as `String.uppercased` gives them.
    static func uppercased(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return String(decoding: bytes, as: UTF8.self).uppercased() }
        guard bytes.contains(where: { (0x61...0x7A).contains($0) }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var upperBytes = [UInt8](bytes)
        for index in upperBytes.indices { upperBytes[index] = upper(upperBytes[index]) }
        return String(decoding: upperBytes, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        // Nearly every value has nothing to trim: keep it as it is.
        if let first = utf8.first, let last = utf8.last, !isSpace(first), !isSpace(last) { return self }
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
