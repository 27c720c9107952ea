import EcluseCore
import EcluseFormats
import Foundation
import Testing

/// Read, write in each version, read again: the modelled fields come back the same.
@Suite struct VCardRoundTripTests {
    static let versions: [VCardVersion] = [.v40, .v30, .v21]

    /// Every card of the fixtures and of the peer exports, read once.
    static var sourceCards: [(String, Contact)] {
        let fixtures = FixtureFiles.vcardCases.map { ($0, FixtureFiles.bytes(ofCase: $0)) }
        let peers = FixtureFiles.peerFiles.map { ($0, FixtureFiles.bytes(ofPeerFile: $0)) }
        return (fixtures + peers).flatMap { name, bytes in
            VCardReader().read(bytes, file: name).cards.map { (name, $0.contact) }
        }
    }

    @Test("Read, write and read again keeps the modelled fields", arguments: versions)
    func roundTripKeepsModelledFields(_ version: VCardVersion) throws {
        let cards = Self.sourceCards
        #expect(cards.count >= 30)
        for (name, contact) in cards {
            let text = VCardWriter().write(
                contact, uid: "urn:uuid:00000000-0000-4000-8000-000000000001", version: version)
            let again = VCardReader().read(Array(text.utf8), file: "written")
            #expect(again.errors.isEmpty, "\(name) \(version.rawValue): \(again.errors.count) errors")
            let back = try #require(again.cards.first, "\(name) \(version.rawValue): no card")
            #expect(ModelledFields(back.contact) == ModelledFields(contact), "\(name) as \(version.rawValue)")
            LineRules.check(text, version: version, context: "\(name) \(version.rawValue)")
        }
    }

    @Test("Folding never splits a UTF-8 character and keeps lines within limits", arguments: versions)
    func foldingKeepsCharactersWhole(_ version: VCardVersion) {
        let long = String(repeating: "Zoë Пример 東京 🙂 \\; , ", count: 12)
        let contact = Contact(
            id: SubjectID(""), name: PersonName(formatted: long, family: long, given: "Ana"),
            organisation: Organisation(name: long, units: [long]), note: long + "\nsecond line")
        let text = VCardWriter().write(contact, uid: "u-1", version: version)
        LineRules.check(text, version: version, context: "long text \(version.rawValue)")
        let back = VCardReader().read(Array(text.utf8), file: "written").cards.first?.contact
        let same = back.map(ModelledFields.init) == ModelledFields(contact)
        #expect(same, "fields differ after writing \(version.rawValue)")
    }

    @Test("A copy never carries extras nor the CRM owner", arguments: versions)
    func extrasAndOwnerStayHome(_ version: VCardVersion) {
        let contact = Contact(
            id: SubjectID("s-1"), name: PersonName(formatted: "Ana Example"),
            phones: [Phone(value: "+33 6 00 00 00 01", kinds: [.mobile])], owner: "owner-login-7731",
            extras: [RawProperty(name: "X-SECRET-NOTE", value: "kept-at-home-4412")])
        let text = VCardWriter().write(contact, uid: "u-2", version: version)
        #expect(!text.contains("owner-login-7731"))
        #expect(!text.contains("kept-at-home-4412"))
        #expect(!text.contains("X-SECRET-NOTE"))
        #expect(!text.contains("X-CRM-OWNER"))
    }

    @Test("Output is the same on every run")
    func outputIsDeterministic() {
        let contact = Contact(
            id: SubjectID(""), name: PersonName(formatted: "Ana Example"),
            phones: [Phone(value: "+33 6 00 00 00 02", kinds: [.work, .mobile, .voice, .text], preferred: true)],
            emails: [Email(value: "ana@example.org", kinds: [.work, .home])])
        let first = VCardWriter().write(contact, uid: "u-3", version: .v40)
        for _ in 0..<20 { #expect(VCardWriter().write(contact, uid: "u-3", version: .v40) == first) }
        #expect(first.contains("TEL;TYPE=cell,text,voice,work;PREF=1:+33 6 00 00 00 02\r\n"))
    }

    @Test("vCard 2.1 for Outlook: quoted-printable with CHARSET for non-ASCII, no backslash escapes")
    func version21ForOutlook() {
        let contact = Contact(
            id: SubjectID(""), name: PersonName(formatted: "Hélène Exemple", family: "Exemple", given: "Hélène"),
            emails: [Email(value: "helene@example.org")], note: "Tarif, remise; voir contrat")
        let text = VCardWriter().write(contact, uid: "u-4", version: .v21)
        #expect(text.contains("FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:H=C3=A9l=C3=A8ne Exemple\r\n"))
        #expect(text.contains("N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Exemple;H=C3=A9l=C3=A8ne;;;\r\n"))
        #expect(text.contains("NOTE:Tarif, remise; voir contrat\r\n"))
        #expect(text.contains("EMAIL;INTERNET:helene@example.org\r\n"))
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
    }
}

/// The fields a copy carries, compared after a round trip (labels from groups are not written).
struct ModelledFields: Equatable {
    var names: [String]
    var organisation: Organisation?
    var title, birthday, note: String
    var phones: [String]
    var emails: [String]
    var addresses: [PostalAddress]
    var urls, tags: [String]

    init(_ contact: Contact) {
        let name = contact.name
        names = [contact.displayName, name.family, name.given, name.additional, name.prefix, name.suffix]
        organisation = contact.organisation
        title = contact.title ?? ""
        birthday = contact.birthday ?? ""
        note = contact.note ?? ""
        phones = contact.phones.map { "\($0.value)|\($0.kinds.map(\.rawValue).sorted())|\($0.preferred)" }
        emails = contact.emails.map { "\($0.value)|\($0.kinds.map(\.rawValue).sorted())|\($0.preferred)" }
        addresses = contact.addresses
        urls = contact.urls
        tags = contact.tags
    }
}

/// The layout rules of written vCards.
enum LineRules {
    static func check(_ text: String, version: VCardVersion, context: String) {
        let bytes = Array(text.utf8)
        #expect(!bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(context): BOM")
        #expect(text.hasSuffix("\r\n"), "\(context): last line ending")
        let limit = version == .v21 ? 76 : 75
        for line in text.components(separatedBy: "\r\n").dropLast() {
            #expect(!line.contains("\r") && !line.contains("\n"), "\(context): bare CR or LF")
            #expect(line.utf8.count <= limit, "\(context): a line of \(line.utf8.count) octets")
        }
        // Each physical line is valid UTF-8 on its own: no fold cut a character.
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            #expect(String(validating: bytes[start...index], as: UTF8.self) != nil, "\(context): split char")
            start = index + 1
        }
    }
}
