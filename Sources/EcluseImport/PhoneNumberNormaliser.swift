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

    /// The E.164 form of `text`, or nil when it is not a valid phone number.
    public func e164(_ text: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 32)
        let result = cphone_to_e164(text, defaultRegion, &buffer, buffer.count)
        guard result == CPHONE_OK else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
