import EcluseCore
import EcluseTesting
import Foundation
import Testing

@Suite("ecluse import")
struct ImportCommandTests {
    @Test func importingTheSameFileTwiceChangesNothing() throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        let file = try workspace.writeCards("crm.vcf", 1...5)

        let first = try workspace.succeed("import", file)
        let countAfterFirst = try contactCount(in: workspace)
        let second = try workspace.succeed("import", file)

        #expect(first.stdout.contains("\(file): contacts: 5 created, 0 updated, 0 unchanged, 0 skipped, 0 warning(s)"))
        #expect(second.stdout.contains("\(file): contacts: 0 created, 0 updated, 5 unchanged, 0 skipped, 0 warning(s)"))
        #expect(countAfterFirst == 5)
        #expect(try contactCount(in: workspace) == 5)
    }

    @Test(arguments: [MalformedCard.missingEnd, .lineWithoutColon])
    func aMalformedFileIsRefusedWholeWhileTheValidFileIsImported(_ malformation: MalformedCard) throws {
        let workspace = CLIWorkspace()
        try workspace.initialise()
        let valid = try workspace.writeCards("valid.vcf", 1...3)
        let (badText, badLine) = malformation.file(of: [7, 8])
        let bad = try workspace.folder.write("bad.vcf", badText)

        let result = try workspace.ecluse("import", bad, valid)

        #expect(result.exitCode == 2, "\(result)")
        #expect(result.stderr.contains("error: \(bad):\(badLine): \(malformation.reason)"), "\(result)")
        #expect(result.stdout.contains("\(bad): refused (1 error(s))"))
        #expect(result.stdout.contains("\(valid): contacts: 3 created, 0 updated, 0 unchanged"))
        let contacts = try workspace.succeed("contacts", "--json").stdout
        for number in [7, 8] {
            let person = Invented.contact(number)
            #expect(!contacts.contains(person.displayName))
            #expect(!contacts.contains(person.emails[0].value))
        }
        for number in 1...3 {
            #expect(contacts.contains(Invented.contact(number).emails[0].value))
        }
        #expect(try contactCount(in: workspace) == 3)
    }

    private func contactCount(in workspace: CLIWorkspace) throws -> Int {
        let result = try workspace.succeed("contacts", "--json")
        return try #require(try workspace.json(result) as? [Any]).count
    }
}

/// A vCard file broken in one way, and the line where the reader must say so.
enum MalformedCard: String, CustomStringConvertible, CaseIterable {
    case missingEnd
    case lineWithoutColon

    var description: String { rawValue }

    var reason: String {
        switch self {
        case .missingEnd: "card has no END:VCARD"
        case .lineWithoutColon: "content line has no ':' between the property name and its value"
        }
    }

    /// The invented cards `numbers`, the last one broken; returns the text and the 1-based line
    /// of the problem (the broken card's BEGIN for a missing END, else the colon-less line).
    func file(of numbers: [Int]) -> (text: String, line: Int) {
        let cards = numbers.map { Invented.vCard($0) }
        let head = cards.dropLast().joined()
        let lastCard = cards[cards.count - 1]
        let broken: String
        let lineInCard: Int
        switch self {
        case .missingEnd:
            broken = lastCard.replacingOccurrences(of: "END:VCARD\r\n", with: "")
            lineInCard = 1
        case .lineWithoutColon:
            let lines = lastCard.components(separatedBy: "\r\n")
            broken = (lines.prefix(5) + ["this line has no colon"] + lines.dropFirst(5)).joined(separator: "\r\n")
            lineInCard = 6
        }
        // Counted in bytes: "\r\n" is one Character in Swift, so a Character split would miss it.
        let headLines = head.utf8.filter { $0 == UInt8(ascii: "\n") }.count
        return (head + broken, headLines + lineInCard)
    }
}
