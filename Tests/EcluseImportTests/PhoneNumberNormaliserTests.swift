import EcluseImport
import Testing

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
