import EcluseCore
import EcluseFormats
import Testing

/// Reading CSV text into rows: delimiters, quotes, line breaks, encodings, ragged rows.
@Suite struct CSVTableTests {
    private func table(_ text: String) -> CSVTable {
        CSVTable(parsing: Array(text.utf8), file: "t.csv")
    }

    @Test(
        "The delimiter is the one that splits every sampled row alike",
        arguments: [(",", CSVDelimiter.comma), (";", .semicolon), ("\t", .tab)])
    func delimiterIsDetected(_ separator: String, _ expected: CSVDelimiter) {
        let text =
            ["a", "b", "c"].joined(separator: separator) + "\n"
            + ["1,5", "x;y", "z"].map { "\"\($0)\"" }.joined(separator: separator) + "\n"
        let read = table(text)
        #expect(read.delimiter == expected)
        #expect(read.rows.first?.cells == ["1,5", "x;y", "z"])
    }

    @Test("A delimiter inside quotes does not vote")
    func quotedDelimiterDoesNotVote() {
        let read = table("name;note\n\"A, B\";\"x, y, z\"\nC;D\n")
        #expect(read.delimiter == .semicolon)
        #expect(read.errors.isEmpty)
    }

    @Test("Doubled quotes become one quote, and a quoted line break is one LF")
    func quotesAndEmbeddedLineBreaks() {
        let read = table("a,b\r\n\"say \"\"hi\"\"\",\"one\r\ntwo\rthree\"\r\nlast,row\r\n")
        #expect(read.rows.map(\.cells) == [["say \"hi\"", "one\ntwo\nthree"], ["last", "row"]])
        #expect(read.rows.map(\.line) == [2, 5])
    }

    @Test("LF, CRLF and CR all end a row", arguments: ["\n", "\r\n", "\r"])
    func lineEndings(_ end: String) {
        let read = table("a,b" + end + "1,2" + end + "3,4" + end)
        #expect(read.rows.map(\.cells) == [["1", "2"], ["3", "4"]])
        #expect(read.rows.map(\.line) == [2, 3])
    }

    @Test("Blank lines are skipped without shifting the line numbers")
    func blankLinesKeepNumbers() {
        let read = table("a,b\n\n1,2\n\n")
        #expect(read.rows.map(\.line) == [3])
        #expect(read.errors.isEmpty)
    }

    @Test("A UTF-8 byte order mark is dropped")
    func utf8ByteOrderMark() {
        let read = CSVTable(parsing: [0xEF, 0xBB, 0xBF] + Array("Prénom,Nom\nÉva,Exemple\n".utf8), file: "t.csv")
        #expect(read.encoding == .utf8)
        #expect(read.header?.cells == ["Prénom", "Nom"])
    }

    @Test("UTF-16 with a byte order mark is read in either byte order", arguments: [false, true])
    func utf16(_ bigEndian: Bool) {
        let units = Array("Prénom;Nom\r\nÉva;Exemple\r\n".utf16)
        let bytes = units.flatMap {
            bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)]
        }
        let read = CSVTable(parsing: (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) + bytes, file: "t.csv")
        #expect(read.encoding == (bigEndian ? .utf16BigEndian : .utf16LittleEndian))
        #expect(read.delimiter == .semicolon)
        #expect(read.rows.first?.cells == ["Éva", "Exemple"])
    }

    @Test("Bytes that are not UTF-8 are windows-1252, euro sign included")
    func windows1252() {
        let bytes: [UInt8] = Array("a;b\n".utf8) + [0xC9, 0x76, 0x61, 0x3B, 0x80, 0x0A]
        let read = CSVTable(parsing: bytes, file: "t.csv")
        #expect(read.encoding == .windows1252)
        #expect(read.rows.first?.cells == ["Éva", "€"])
    }

    @Test("A ragged row is an error naming its line; the rows around it are kept")
    func raggedRowNamesItsLine() {
        let read = table("a,b,c\n1,2,3\n\"x\ny\",2\n4,5,6\n")
        #expect(read.rows.map(\.line) == [2, 5])
        #expect(read.errors.map(\.location.line) == [3])
        #expect(
            read.errors.first?.description
                == "t.csv:3: row has 2 fields where the header has 3; the row was not imported. "
                + "Put quotes around fields that contain ',', or add the missing fields")
    }

    @Test("A quote never closed is an error at the row where it opened")
    func unterminatedQuote() {
        let read = table("a,b\n1,2\n3,\"never closed\n4,5\n")
        #expect(read.rows.map(\.line) == [2])
        #expect(read.errors.map(\.location.line) == [3])
        #expect(read.errors.first?.message.contains("never closed") == true)
    }

    @Test("Errors never quote a cell")
    func errorsCarryNoValues() {
        let read = table("a,b\nana@example.org,+33 6 00 00 00 00,extra\n")
        #expect(read.errors.count == 1)
        #expect(!read.errors.map(\.description).joined().contains("example.org"))
    }

    @Test("An empty input has no header and no error")
    func emptyInput() {
        let read = table("")
        #expect(read.header == nil && read.rows.isEmpty && read.errors.isEmpty)
    }
}
