import EcluseCore
import EcluseTesting
import Foundation
import Testing

@testable import EcluseStore

@Suite struct ContactJSONTests {
    /// Contacts that exercise every field, escapes and control characters.
    static var contacts: [Contact] {
        var odd = Invented.contact(9)
        odd.sourceUID = nil
        odd.name = PersonName(formatted: "Quote \" backslash \\ tab \t nul \u{0} bell \u{7} é 😀", family: "")
        odd.organisation = Organisation(name: "Exemple", units: ["Ventes", "Sud; Est"])
        odd.phones[0].label = "Standard\nbis"
        odd.phones[1].preferred = true
        odd.addresses[0].label = "12 rue\r\nLyon"
        odd.urls = ["https://example.org/a?b=c&d"]
        odd.extras = [
            RawProperty(group: "item1", name: "X-ABLABEL", parameters: ["TYPE": ["a", "b"], "X": []], value: "v"),
            RawProperty(name: "PHOTO", value: "data:image/png;base64,AAAA"),
        ]
        odd.consent = .objected
        odd.lastInteraction = CalendarDate(year: 2026, month: 11, day: 30)
        var bare = Contact(id: SubjectID("bare"))
        bare.note = ""
        return [Invented.contact(1), Invented.contact(2, owner: "bruno", tags: []), odd, bare]
    }

    /// Up to 12 characters among those JSON must escape and those that look like its syntax.
    static func randomText(_ generator: inout SeededGenerator) -> String {
        let alphabet = Array("aé\"\\\n\t\u{1}😀 ;,:{}[]/")
        return String(
            (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator) ?? "a"
            })
    }

    @Test func whatTheStoreWritesDecodesIntoTheSameContact() throws {
        for contact in Self.contacts {
            let text = ContactJSON.encode(contact)
            let decoded = try JSONDecoder().decode(Contact.self, from: Data(text.utf8))
            #expect(decoded == contact, "\(text)")
        }
    }

    /// Over random variations of every field: the hand-written JSON and Foundation's agree
    /// on what they mean.
    @Test func randomContactsSurviveTheRoundTrip() throws {
        var generator = SeededGenerator(seed: 7)
        func text() -> String { Self.randomText(&generator) }
        for number in 0..<300 {
            var contact = Invented.contact(number)
            contact.name.given = text()
            contact.note = Bool.random(using: &generator) ? text() : nil
            contact.title = Bool.random(using: &generator) ? text() : nil
            contact.phones = contact.phones.filter { _ in Bool.random(using: &generator) }
            contact.tags = (0..<Int.random(in: 0...3, using: &generator)).map { _ in text() }
            contact.extras = Bool.random(using: &generator) ? [RawProperty(name: "X-\(number)", value: text())] : []
            contact.consent = [nil, .given, .withdrawn, .objected][number % 4]
            contact.lastInteraction = number % 3 == 0 ? CalendarDate(year: 2026, month: number % 12 + 1, day: 9) : nil
            let decoded = try JSONDecoder().decode(Contact.self, from: Data(ContactJSON.encode(contact).utf8))
            #expect(decoded == contact)
        }
    }

    // MARK: - The hand-written reader

    @Test func theReaderGivesWhatJSONDecoderGivesForWhatTheStoreWrites() throws {
        for contact in Self.contacts {
            let bytes = Array(ContactJSON.encode(contact).utf8)
            #expect(try ContactJSON.read(bytes) == contact)
        }
    }

    /// Rows written by Foundation's encoder before the store wrote its own JSON: other key
    /// order, escaped slashes, nulls written out.
    @Test func theReaderReadsFoundationsJSONToo() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted]
        for contact in Self.contacts {
            let bytes = Array(try encoder.encode(contact))
            #expect(try ContactJSON.read(bytes) == contact)
        }
        let withNulls = Array(
            #"""
            {"extras":[],"tags":[],"urls":[],"addresses":[],"emails":[],"phones":[],"note":null,
             "name":{"suffix":"","prefix":"","additional":"","given":"Ana","family":"Example","formatted":null},
             "id":"s-1","title":"Ach\u00e9teur \/ \ud83d\ude00","unknown":{"a":[1,2.5e3,true,null]}}
            """#.utf8)
        let expected = try JSONDecoder().decode(Contact.self, from: Data(withNulls))
        #expect(try ContactJSON.read(withNulls) == expected)
        #expect(expected.title == "Achéteur / 😀")
    }

    /// What the reader refuses goes to `JSONDecoder`, which decides: the same contact when it
    /// can read it, its error when it cannot.
    @Test func whatTheReaderRefusesJSONDecoderDecides() throws {
        let missingKey = Array(
            #"{"id":"s-1","name":{"family":"","given":"","additional":"","prefix":"","suffix":""}}"#.utf8)
        #expect(throws: (any Error).self) { try ContactJSON.read(missingKey) }
        #expect(throws: (any Error).self) { try ContactJSON.decode(missingKey) }

        let unknownKind = ContactJSON.encode(Invented.contact(1))
            .replacingOccurrences(of: #""kinds":["work"]"#, with: #""kinds":["moon"]"#)
        #expect(unknownKind.contains("moon"))
        #expect(throws: (any Error).self) { try ContactJSON.decode(Array(unknownKind.utf8)) }

        for broken in [#"{"id":"s-1""#, #"{"id":"a\u12"}"#, #"{"id":"\ud800"}"#, "[]", "", #"{"id":1}"#] {
            #expect(throws: (any Error).self) { try ContactJSON.read(Array(broken.utf8)) }
        }
    }

    /// Where JSON allows what `JSONDecoder` and the reader could read differently, the reader
    /// refuses and `JSONDecoder` decides: a repeated key, a leading zero, deep nesting.
    @Test func whereTheTwoCouldDisagreeJSONDecoderDecides() throws {
        let stored = ContactJSON.encode(Invented.contact(1))
        let repeated =
            String(stored.dropLast())
            + #","emails":[{"value":"other@example.org","kinds":["work"],"preferred":false}]}"#
        #expect(throws: (any Error).self) { try ContactJSON.read(Array(repeated.utf8)) }
        let foundation = try? JSONDecoder().decode(Contact.self, from: Data(repeated.utf8))
        #expect((try? ContactJSON.decode(Array(repeated.utf8))) == foundation)

        let zero = String(stored.dropLast()) + #","lastInteraction":{"year":02026,"month":1,"day":2}}"#
        #expect(throws: (any Error).self) { try ContactJSON.read(Array(zero.utf8)) }

        // A million brackets under an unknown key: an error, not a stack overflow.
        let deep = String(stored.dropLast()) + #","x":"# + String(repeating: "[", count: 1_000_000) + "}"
        #expect(throws: (any Error).self) { try ContactJSON.decode(Array(deep.utf8)) }
    }

    /// Over random variations, the reader and `JSONDecoder` agree.
    @Test func theReaderAgreesWithJSONDecoderOnRandomContacts() throws {
        var generator = SeededGenerator(seed: 11)
        func text() -> String { Self.randomText(&generator) }
        for number in 0..<300 {
            var contact = Invented.contact(number)
            contact.name.family = text()
            contact.note = Bool.random(using: &generator) ? text() : nil
            contact.urls = (0..<Int.random(in: 0...2, using: &generator)).map { _ in text() }
            contact.extras = [
                RawProperty(group: text(), name: "X-\(number)", parameters: [text(): [text()]], value: text())
            ]
            let bytes = Array(ContactJSON.encode(contact).utf8)
            #expect(try ContactJSON.read(bytes) == (try JSONDecoder().decode(Contact.self, from: Data(bytes))))
        }
    }
}
