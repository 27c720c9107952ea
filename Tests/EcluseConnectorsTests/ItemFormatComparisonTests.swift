import EcluseConnectors
import EcluseCore
import EcluseTesting
import Foundation
import Testing

/// An item read back counts as unchanged when a server only re-serialised it, and as changed
/// when any field Ecluse models differs.
@Suite("Comparing an item read back with what Ecluse writes")
struct ItemFormatComparisonTests {
    let key = CollectionKey(destination: "phones", user: "alice")

    /// A copy without a note, as one minimised to work details is.
    var card: DesiredCopy {
        var contact = Invented.contact(1)
        contact.note = nil
        return DesiredCopy(collection: key, subject: contact.id, content: contact, fields: .none)
    }

    var event: DesiredCopy {
        let start = Date(timeIntervalSince1970: 1_796_115_600)
        let copy = EventCopy(
            summary: "Visit", location: "Lyon", start: .dateTime(start, timeZone: "Europe/Paris"),
            end: .dateTime(start.addingTimeInterval(3_600), timeZone: "Europe/Paris"), details: [Invented.contact(2)])
        return DesiredCopy(collection: key, appointment: "a1", event: copy, details: .none)
    }

    /// `bytes` as a server that re-serialises items stores them: its own PRODID and REV, LF line
    /// ends, lines folded at 30 characters, and a card's lines in reverse order.
    func reserialised(_ bytes: [UInt8], reversing: Bool) -> [UInt8] {
        var logical: [String] = []
        for line in String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n") where !line.isEmpty {
            if line.hasPrefix(" "), let last = logical.popLast() {
                logical.append(last + line.dropFirst())
            } else {
                logical.append(line)
            }
        }
        var inner = logical.dropFirst().dropLast().filter { !$0.hasPrefix("PRODID") && !$0.hasPrefix("DTSTAMP") }
        if reversing { inner.reverse() }
        let lines =
            [logical[0], "PRODID:-//Server//EN", "REV:20270101T000000Z"] + inner
            + [logical[logical.count - 1]]
        let folded = lines.map { line in
            stride(from: 0, to: line.count, by: 30).map { offset in
                let start = line.index(line.startIndex, offsetBy: offset)
                return String(
                    line[start..<(line.index(start, offsetBy: 30, limitedBy: line.endIndex) ?? line.endIndex)])
            }.joined(separator: "\n ")
        }
        return Array((folded.joined(separator: "\n") + "\n").utf8)
    }

    func edited(_ bytes: [UInt8], _ from: String, _ to: String) -> [UInt8] {
        Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: from, with: to).utf8)
    }

    @Test("A card re-ordered, re-folded, with LF ends and another PRODID holds the same content")
    func reserialisedCard() {
        let format = ItemFormat(.contacts)
        let written = format.bytes(of: card)

        #expect(format.holdsSameContent(reserialised(written, reversing: true), as: card))
    }

    @Test("A card with a changed number, an added note or another UID does not")
    func changedCard() {
        let format = ItemFormat(.contacts)
        let written = format.bytes(of: card)

        #expect(!format.holdsSameContent(edited(written, "+33 1 00 00 00 01", "+33 1 00 00 00 99"), as: card))
        #expect(!format.holdsSameContent(edited(written, "END:VCARD", "NOTE:Met at the fair\r\nEND:VCARD"), as: card))
        #expect(!format.holdsSameContent(edited(written, card.copyUID, "someone-else"), as: card))
        #expect(!format.holdsSameContent(Array("not a card".utf8), as: card))
    }

    @Test("An event re-folded with another PRODID and DTSTAMP holds the same content; another summary does not")
    func events() {
        let format = ItemFormat(.events)
        let written = format.bytes(of: event)

        #expect(format.holdsSameContent(reserialised(written, reversing: false), as: event))
        #expect(!format.holdsSameContent(edited(written, "SUMMARY:Visit", "SUMMARY:Lunch"), as: event))
    }
}
