import Testing

@testable import EcluseImport

@Suite struct PhoneNumberNormaliserTests {
    let normaliser = PhoneNumberNormaliser(defaultRegion: "FR")

    @Test(arguments: ["06 00 00 00 01", "+33 6 00 00 00 01", "+33 (0)6 00-00-00-01", "0033600000001", "06.00.00.00.01"])
    func theWaysOfWritingOneNumberMeetInE164(_ written: String) {
        #expect(normaliser.e164(written) == "+33600000001")
    }

    @Test func numbersOfOtherCountriesKeepTheirCode() {
        #expect(normaliser.e164("+49 30 901820") == "+4930901820")
        #expect(PhoneNumberNormaliser(defaultRegion: "DE").e164("030 901820") == "+4930901820")
    }

    @Test(arguments: ["", "not a number", "12", "+33 6"])
    func whatIsNotAPhoneNumberGivesNil(_ text: String) {
        #expect(normaliser.e164(text) == nil)
    }
}

@Suite struct PlainInternationalNumberTests {
    /// The fast path must agree with libphonenumber wherever it answers.
    @Test(arguments: [
        "+33 1 00 00 00 01", "+33 6 00 00 00 09", "+49 30 901820", "+44 20 7946 0958", "+1 202-555-0143",
        "+39 06 6988 0000", "+33 06 00 00 00 01", "+41.44.668.18.00", "+352 27 00 00 00", "+7 495 000-00-00",
    ])
    func theFastPathAgreesWithLibphonenumber(_ text: String) {
        let normaliser = PhoneNumberNormaliser(defaultRegion: "FR")
        guard let fast = PhoneNumberNormaliser.plainInternational(text) else { return }
        #expect(fast == normaliser.e164WithLibphonenumber(text), "\(text)")
    }

    @Test func numbersWithATrunkZeroOrBracketsTakeTheFullPath() {
        #expect(PhoneNumberNormaliser.plainInternational("+33 06 00 00 00 01") == nil)
        #expect(PhoneNumberNormaliser.plainInternational("+39 06 6988 0000") == nil)
        #expect(PhoneNumberNormaliser.plainInternational("+33 (0)6 00 00 00 01") == nil)
        #expect(PhoneNumberNormaliser.plainInternational("+33 6 00 00 00 01") == "+33600000001")
    }
}
