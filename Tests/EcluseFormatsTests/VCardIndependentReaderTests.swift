import EcluseCore
import EcluseTesting
import Foundation
import Testing

@testable import EcluseFormats

/// What Ecluse writes is read by an independent reader, Python's vobject, with the same
/// names, numbers and emails: the copies must open in other software, not only in ours.
@Suite struct VCardIndependentReaderTests {
    /// Prints, for each card, `FN | tel;tel | email;email`; exits 3 when vobject is missing.
    static let script = """
        import sys
        try:
            import vobject
        except ImportError:
            sys.exit(3)
        for card in vobject.readComponents(sys.stdin.read()):
            tels = sorted(t.value for t in card.contents.get("tel", []))
            emails = sorted(e.value for e in card.contents.get("email", []))
            print(card.fn.value + " | " + ";".join(tels) + " | " + ";".join(emails))
        """

    /// Invented contacts, with accents, commas, semicolons and long values to fold.
    static var contacts: [Contact] {
        var tricky = Invented.contact(3)
        let formatted = "Zoë Ñúñez-Élodie, dite « Zézette »; Directrice"
        tricky.name = PersonName(formatted: formatted, family: "Ñúñez")
        tricky.organisation = Organisation(name: "Établissements Exemple & Fils; filiale Sud, Lyon")
        tricky.note = String(repeating: "Une note très longue qui doit être pliée. ", count: 6)
        return [Invented.contact(1), Invented.contact(2), tricky]
            + FixtureFiles.vcardCases.flatMap { name in
                VCardReader().read(FixtureFiles.bytes(ofCase: name), file: name).cards.map(\.contact)
            }
    }

    @Test(arguments: [VCardVersion.v30, .v40])
    func vobjectReadsTheSameNamesNumbersAndEmails(_ version: VCardVersion) throws {
        let written = Self.contacts.enumerated().map { index, contact in
            VCardWriter().write(contact, uid: "uid-\(index)", version: version)
        }
        let output = try ICalRoundTripTests.run(["python3", "-c", Self.script], input: Data(written.joined().utf8))
        guard output.status != 3 else {
            Issue.record("Python's vobject module is missing: run `make deps` (scripts/install-deps.sh)")
            return
        }
        #expect(output.status == 0, "python3 failed: \(output.text)")
        let lines = output.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let expected = Self.contacts.map { contact in
            let name = contact.displayName
            let tels = contact.phones.map(\.value).sorted().joined(separator: ";")
            let emails = contact.emails.map(\.value).sorted().joined(separator: ";")
            return "\(name) | \(tels) | \(emails)"
        }
        #expect(lines == expected)
    }
}
