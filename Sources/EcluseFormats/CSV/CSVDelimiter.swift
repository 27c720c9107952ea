/// The character that separates fields: a comma, or what European Excel writes instead.
public enum CSVDelimiter: String, Sendable, Hashable, Codable, CaseIterable {
    case comma = ","
    case semicolon = ";"
    case tab = "\t"

    var byte: UInt8 {
        switch self {
        case .comma: Ascii.comma
        case .semicolon: Ascii.semicolon
        case .tab: Ascii.tab
        }
    }

    /// How many records are sampled to detect the delimiter.
    private static let sampleSize = 20

    /// The delimiter that splits the first records into the same number of fields.
    ///
    /// Counting happens outside quotes, so a `;` inside a quoted note does not vote. The
    /// delimiter that gives the header most fields while every sampled record agrees wins;
    /// when none agrees throughout, the one that most records agree with.
    static func detect(in bytes: [UInt8]) -> CSVDelimiter {
        var best: (delimiter: CSVDelimiter, score: (Int, Int))?
        for candidate in allCases {
            let counts = sampleFieldCounts(bytes, delimiter: candidate)
            guard let header = counts.first, header > 1 else { continue }
            let agreeing = counts.filter { $0 == header }.count
            let score = (agreeing == counts.count ? 1 : 0, agreeing * 1000 + header)
            if best.map({ score > $0.score }) ?? true { best = (candidate, score) }
        }
        return best?.delimiter ?? .comma
    }

    private static func sampleFieldCounts(_ bytes: [UInt8], delimiter: CSVDelimiter) -> [Int] {
        var scanner = CSVRecordScanner(bytes, delimiter: delimiter.byte)
        var counts: [Int] = []
        while counts.count < sampleSize, let record = scanner.next() {
            if !record.isBlank { counts.append(record.cells.count) }
        }
        return counts
    }
}
