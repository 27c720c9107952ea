import Foundation

extension String {
    /// The text without leading and trailing white space, as
    /// `trimmingCharacters(in: .whitespaces)` gives it, but without a trip through `NSString`
    /// when neither end is white space, which is nearly always: an import trims every address.
    public var whitespaceTrimmed: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        // Bytes from 0x80 start or continue a multi-byte character, which may be a Unicode space.
        func plain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && byte != 0x09 }
        if plain(first), plain(last) { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}
