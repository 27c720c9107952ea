import EcluseCore
import Testing

@testable import EcluseFormats

@Suite struct YAMLReaderTests {
    private func read(_ text: String) throws(FormatError) -> YAMLNode? {
        try YAMLReader().read(Array(text.utf8), file: "test.yaml")
    }

    private func failure(_ text: String) -> FormatError? { failure(Array(text.utf8)) }

    private func failure(_ bytes: [UInt8]) -> FormatError? {
        do {
            _ = try YAMLReader().read(bytes, file: "test.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func mappingKeysKeepTheirOwnLineAndColumn() throws {
        let root = try #require(try read("first: 1\nsecond:\n  inner: \"two\"\n"))
        let pairs = try #require(root.pairs)

        #expect(pairs.map(\.key.text) == ["first", "second"])
        #expect(pairs[1].key.line == 2 && pairs[1].key.column == 1)
        let inner = try #require(pairs[1].value.pairs?.first)
        #expect(inner.key.line == 3 && inner.key.column == 3)
        #expect(inner.value.content == .scalar("two", quoted: true))
        #expect(inner.value.column == 10)
    }

    @Test func scalarsRecordWhetherTheyWereQuoted() throws {
        let root = try #require(try read("[plain, 'single', \"double\"]"))
        let items = try #require(root.items)

        #expect(
            items.map(\.content) == [
                .scalar("plain", quoted: false), .scalar("single", quoted: true), .scalar("double", quoted: true),
            ])
        #expect(items.map(\.column) == [2, 9, 19])
    }

    @Test func blockSequencesKeepOrderAndPositions() throws {
        let root = try #require(try read("rules:\n  - a: 1\n  - b: 2\n"))
        let items = try #require(root.pairs?.first?.value.items)

        #expect(items.count == 2)
        #expect(items.map(\.line) == [2, 3])
        #expect(items.map(\.column) == [5, 5])
    }

    @Test func emptyPlainValuesAndTildeAreNullButQuotedEmptyTextIsNot() throws {
        let pairs = try #require(try read("a:\nb: ~\nc: ''\nd: null\n")?.pairs)

        #expect(pairs.map(\.value.isNull) == [true, true, false, true])
        #expect(pairs[2].value.text == "")
    }

    @Test func anEmptyFileHasNoDocument() throws {
        #expect(try read("") == nil)
        #expect(try read("# only a comment\n") == nil)
    }

    @Test func anchorsAndAliasesAreRefusedWhereTheyStand() throws {
        let error = try #require(failure("base: &b {x: 1}\ncopy: *b\n"))

        #expect(error.location == SourceLocation(file: "test.yaml", line: 1, column: 7))
        #expect(error.message == "anchors and aliases (&name, *name) are not supported")
    }

    @Test func aSecondDocumentIsRefused() throws {
        let error = try #require(failure("a: 1\n---\nb: 2\n"))

        #expect(error.location.line == 2)
        #expect(error.message == "the file holds more than one YAML document")
    }

    @Test func nestingDeeperThanTheLimitIsRefused() throws {
        let deep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        let error = try #require(failure(deep))

        #expect(error.message == "the YAML is nested more than 64 levels deep")
        #expect(error.location.column == 65)
    }

    @Test func badIndentationReportsLibyamlsLineAndProblem() throws {
        let error = try #require(failure("a:\n  b: 1\n c: 2\n"))

        #expect(error.location == SourceLocation(file: "test.yaml", line: 3, column: 2))
        #expect(error.message.hasPrefix("malformed YAML: did not find expected key"))
    }

    @Test func anUnclosedQuotePointsAtWhereTheQuoteOpens() throws {
        let error = try #require(failure("a: 'open\nb: 1\n"))

        #expect(error.location.line == 3)
        #expect(error.message.contains("while scanning a quoted scalar at line 1, column 4"))
        #expect(error.fix == "Close the quote that opens at line 1, column 4.")
    }

    @Test func aTabInIndentationIsNamedInTheFix() throws {
        let error = try #require(failure("a:\n\tb: 1\n"))

        #expect(error.location == SourceLocation(file: "test.yaml", line: 2, column: 1))
        #expect(error.fix == "Indent with spaces: YAML does not allow tabs in indentation.")
    }

    @Test func invalidUTF8IsReportedAtItsLine() throws {
        let error = try #require(failure(Array("a: 1\nb: ".utf8) + [0xFF, 0x0A]))

        #expect(error.location.line == 2)
        #expect(error.fix == "Save the file as UTF-8 text.")
    }

    @Test func theTreeBuilderAssemblesEventsWithoutLibyaml() throws {
        var builder = YAMLTreeBuilder(file: "test.yaml")
        let events: [YAMLEvent.Kind] = [
            .streamStart, .documentStart, .mappingStart(anchored: false),
            .scalar("k", quoted: false, anchored: false), .scalar("v", quoted: true, anchored: false),
            .mappingEnd, .documentEnd,
        ]
        for kind in events {
            #expect(try builder.consume(YAMLEvent(kind: kind, line: 1, column: 1)) == .needMore)
        }

        let end = try builder.consume(YAMLEvent(kind: .streamEnd, line: 2, column: 1))
        let key = YAMLNode(.scalar("k", quoted: false), line: 1, column: 1)
        let value = YAMLNode(.scalar("v", quoted: true), line: 1, column: 1)
        #expect(end == .finished(YAMLNode(.mapping([YAMLPair(key: key, value: value)]), line: 1, column: 1)))
    }
}
