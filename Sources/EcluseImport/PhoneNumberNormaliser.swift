import CPhoneNumber

/// Writes phone numbers in E.164 (`+33600000001`) so that the same number, however it was
/// typed (`06 00 00 00 01`, `+33 (0)6 00-00-00-01`), matches on re-import.
///
/// Google's libphonenumber does the work, through a small C face (`CPhoneNumber`). A number
/// without a country code is read as dialled from `defaultRegion`.
public struct PhoneNumberNormaliser: Sendable {
    /// An ISO 3166 region code, such as `FR`.
    public let defaultRegion: String

    public init(defaultRegion: String = "FR") { self.defaultRegion = defaultRegion }

    /// Whether `region` is a country code libphonenumber knows (`FR`, `DE`…).
    public static func isSupported(region: String) -> Bool { cphone_is_supported_region(region) == 1 }

    /// The E.164 form of `text`, or nil when it is not a valid phone number.
    public func e164(_ text: String) -> String? {
        Self.plainInternational(text) ?? e164WithLibphonenumber(text)
    }

    /// The E.164 form of `text` by libphonenumber's full rules.
    func e164WithLibphonenumber(_ text: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 32)
        let result = cphone_to_e164(text, defaultRegion, &buffer, buffer.count)
        guard result == CPHONE_OK else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The E.164 form of a number already written internationally with only digits, spaces,
    /// dots and hyphens after the `+` (`+33 6 00 00 00 01`), which is what most CRMs export.
    ///
    /// Such a number needs no rules to normalise: its digits are its E.164 form. Skipping
    /// libphonenumber here matters because its regular expressions dominated import time.
    /// A leading `0` after the country code (a trunk prefix written by mistake) or brackets
    /// go to the full path, which knows each country's rules.
    static func plainInternational(_ text: String) -> String? {
        var digits: [UInt8] = [UInt8(ascii: "+")]
        var bytes = text.utf8.makeIterator()
        while let first = bytes.next(), first == UInt8(ascii: " ") {}
        guard text.utf8.first(where: { $0 != UInt8(ascii: " ") }) == UInt8(ascii: "+") else { return nil }
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(byte)
            case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"): continue
            default: return nil
            }
        }
        // E.164 allows at most 15 digits, and no country code starts with 0. A 0 right after
        // the country code is a trunk prefix written by mistake (or Italian, where it stays):
        // either way the country's own rules decide.
        guard (8...16).contains(digits.count), digits[1] != UInt8(ascii: "0") else { return nil }
        let codeLength = countryCodeLength(digits.dropFirst())
        guard digits.count > codeLength + 1, digits[codeLength + 1] != UInt8(ascii: "0") else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }

    /// The length of the country code at the start of `digits` (ITU-T E.164 assignments):
    /// 1 for North America and Russia, 2 for the codes listed, 3 for all others.
    private static func countryCodeLength(_ digits: ArraySlice<UInt8>) -> Int {
        guard let first = digits.first else { return 3 }
        if first == UInt8(ascii: "1") || first == UInt8(ascii: "7") { return 1 }
        let pair = String(decoding: digits.prefix(2), as: UTF8.self)
        return twoDigitCodes.contains(pair) ? 2 : 3
    }

    private static let twoDigitCodes: Set<String> = [
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
        "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
        "86", "90", "91", "92", "93", "94", "95", "98",
    ]
}
