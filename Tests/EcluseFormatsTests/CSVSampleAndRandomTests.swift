import EcluseCore
import EcluseFormats
import Testing

/// The sample CRM export read as CSV agrees with its vCard twin; random damage never hangs or crashes.
@Suite struct CSVSampleAndRandomTests {
    @Test("The sample CSV export reads 2,000 contacts without an error")
    func sampleReadsWhole() {
        let result = ContactCSVReader().read(CSVFixtures.sample("crm-export.csv"), file: "crm-export.csv")
        #expect(result.layout == .googleContacts)
        #expect(result.errors.isEmpty)
        #expect(result.contacts.count == 2_000)
    }

    @Test("Each sample contact has the same name, emails and phones as in the vCard export")
    func sampleAgreesWithVCard() throws {
        let csv = ContactCSVReader().read(CSVFixtures.sample("crm-export.csv"), file: "crm-export.csv")
        let vcf = VCardReader().read(CSVFixtures.sample("crm-export.vcf"), file: "crm-export.vcf")
        try #require(vcf.cards.count == 2_000)
        var cards: [String: Contact] = [:]
        for card in vcf.cards {
            for email in card.contact.emails { cards[email.value] = card.contact }
        }

        for read in csv.contacts {
            let contact = read.contact
            let key = try #require(contact.emails.first?.value, "line \(read.location.line): no email")
            let twin = try #require(cards[key], "line \(read.location.line): no vCard with this email")
            #expect(contact.displayName == twin.displayName, "line \(read.location.line)")
            #expect(contact.name.given == twin.name.given && contact.name.family == twin.name.family)
            #expect(contact.emails.map(\.value) == twin.emails.map(\.value), "line \(read.location.line)")
            #expect(contact.phones.map(\.value) == twin.phones.map(\.value), "line \(read.location.line)")
            #expect(contact.phones.map(\.kinds) == twin.phones.map(\.kinds), "line \(read.location.line)")
        }
    }

    @Test("2,000 seeded random damages of the CSV fixtures each finish, with lines inside the file")
    func randomDamageFinishes() {
        let names = [
            "csv/google-labels.csv", "csv/outlook-en.csv", "csv/outlook-fr.csv", "csv/crm-table.csv",
        ]
        var seeds = names.map { CSVFixtures.bytes(String($0.dropFirst(4))) }
        seeds += CSVImportCasesTests.csvCases.map(FixtureFiles.bytes(ofCase:))
        var random = SplitMix64(seed: 0x0EC1_0C57)  // the generator of HostileInputTests
        let mapping = CSVMapping(columns: ["Contact": .fullName, "Courriel": .email([.work])])
        var finished = 0

        for round in 0..<2_000 {
            let input = CSVDamage.apply(to: seeds[round % seeds.count], using: &random)
            let result = ContactCSVReader().read(input, file: "r.csv", mapping: round % 5 == 0 ? mapping : nil)
            let lines = input.filter { $0 == 0x0A || $0 == 0x0D }.count + 1
            let located = result.errors.map(\.location) + result.contacts.map(\.location)
            #expect(located.allSatisfy { (1...lines).contains($0.line) }, "round \(round)")
            finished += 1
        }
        #expect(finished == 2_000)
    }
}

/// A few ways a CSV file gets damaged: bytes flipped, lost or repeated, quotes and breaks added.
enum CSVDamage {
    private static let hazards: [UInt8] = [0x22, 0x2C, 0x3B, 0x09, 0x0D, 0x0A, 0xFF, 0xFE, 0xEF, 0xC3, 0x80, 0x00]

    static func apply(to seed: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        var bytes = seed
        for _ in 0..<(1 + Int(random.next() % 8)) {
            let position = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
            let hazard = hazards[Int(random.next() % UInt64(hazards.count))]
            switch random.next() % 6 {
            case 0 where !bytes.isEmpty: bytes[position] = hazard
            case 1 where !bytes.isEmpty: bytes.remove(at: position)
            case 2: bytes.insert(hazard, at: position)
            case 3: bytes = Array(bytes.prefix(position))
            case 4:
                let end = min(bytes.count, position + Int(random.next() % 64))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            default: bytes.insert(contentsOf: [0xFF, 0xFE][...], at: 0)
            }
        }
        return bytes
    }
}
