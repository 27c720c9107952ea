import Dispatch
import Foundation
import Synchronization

extension VCardReader {
    /// Reads a large file in pieces of whole cards, parsing the next piece on another thread
    /// while `each` handles the one before, in file order on the calling thread.
    ///
    /// A large import spent a third of its time parsing and two thirds storing; on two cores
    /// the two now overlap. The pieces' results put together are those of `read`: the same
    /// cards, errors and warnings with the same lines. Only files of LF or CRLF lines are cut,
    /// and only between an `END:VCARD` line and a `BEGIN:VCARD` line; any other file is read
    /// as one piece.
    public func readInPieces(
        _ bytes: [UInt8], file: String, pieceSize: Int = 1 << 20, each: (VCardReadResult) throws -> Void
    ) rethrows {
        try readInPieces(bytes, file: file, pieceSize: pieceSize, preparing: { $0 }, each: each)
    }

    /// `readInPieces`, with `prepare` run on each piece's result on the parsing thread too,
    /// so that work a caller can do before it needs its own thread (checking records,
    /// encoding them for storage) overlaps with `each` as well.
    public func readInPieces<Prepared: Sendable>(
        _ bytes: [UInt8], file: String, pieceSize: Int = 1 << 20,
        preparing prepare: @escaping @Sendable (VCardReadResult) -> Prepared,
        each: (Prepared) throws -> Void
    ) rethrows {
        let pieces = VCardPieces.split(bytes, near: pieceSize)
        guard pieces.count > 1 else {
            try each(prepare(read(bytes, file: file)))
            return
        }
        let queue = PieceQueue<Prepared>(count: pieces.count)
        let reader = self
        let producer = Thread {
            for (index, piece) in pieces.enumerated() {
                queue.waitForRoom()
                queue.put(
                    prepare(reader.read(Array(bytes[piece.range]), file: file, firstLine: piece.firstLine)), at: index)
            }
        }
        producer.start()
        // Every result is taken, even after `each` throws, so the producer never waits forever.
        var taken = 0
        defer {
            while taken < pieces.count {
                _ = queue.take(taken)
                taken += 1
            }
        }
        while taken < pieces.count {
            let result = queue.take(taken)
            taken += 1
            try each(result)
        }
    }
}

extension VCardReader {
    /// Reads a large file on every core: its pieces are parsed at the same time and put back
    /// together in file order. The result is the same as `read`'s.
    public func readConcurrently(_ bytes: [UInt8], file: String, pieceSize: Int = 1 << 20) -> VCardReadResult {
        let pieces = VCardPieces.split(bytes, near: pieceSize)
        guard pieces.count > 1 else { return read(bytes, file: file) }
        let results = Mutex<[Int: VCardReadResult]>([:])
        let reader = self
        DispatchQueue.concurrentPerform(iterations: pieces.count) { index in
            let piece = pieces[index]
            let result = reader.read(Array(bytes[piece.range]), file: file, firstLine: piece.firstLine)
            results.withLock { $0[index] = result }
        }
        var whole = VCardReadResult()
        results.withLock { parsed in
            for index in pieces.indices {
                guard let result = parsed[index] else { continue }
                whole.cards += result.cards
                whole.errors += result.errors
                whole.warnings += result.warnings
            }
        }
        return whole
    }
}

/// Where a vCard file can be cut without cutting a card.
enum VCardPieces {
    struct Piece: Sendable {
        var range: Range<Int>
        var firstLine: Int
    }

    /// Pieces of about `size` bytes, each starting at a `BEGIN:VCARD` line that follows an
    /// `END:VCARD` line.
    static func split(_ bytes: [UInt8], near size: Int) -> [Piece] {
        guard bytes.count > size * 2, !hasLoneCarriageReturn(bytes) else {
            return [Piece(range: 0..<bytes.count, firstLine: 1)]
        }
        var pieces: [Piece] = []
        var start = 0
        var startLine = 1
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == Ascii.lineFeed {
                let previous = lineStart..<index
                lineStart = index + 1
                line += 1
                if lineStart - start >= size, isCardBoundary(bytes, previous: previous, next: lineStart) {
                    pieces.append(Piece(range: start..<lineStart, firstLine: startLine))
                    start = lineStart
                    startLine = line
                }
            }
            index += 1
        }
        pieces.append(Piece(range: start..<bytes.count, firstLine: startLine))
        return pieces
    }

    /// Whether the line `previous` is `END:VCARD` and the line at `next` is `BEGIN:VCARD`.
    private static func isCardBoundary(_ bytes: [UInt8], previous: Range<Int>, next: Int) -> Bool {
        var end = previous
        if let last = end.last, bytes[last] == Ascii.carriageReturn { end = end.lowerBound..<last }
        guard Ascii.equalsIgnoringCaseAndSpaces(bytes[end], "END:VCARD") else { return false }
        let begin = Array("BEGIN:VCARD".utf8)
        guard next + begin.count <= bytes.count else { return false }
        return zip(bytes[next..<next + begin.count], begin).allSatisfy { Ascii.upper($0) == $1 }
    }

    /// A CR not followed by LF (nor by another CR then LF) ends a line in the reader's eyes,
    /// which counting LFs would miss: such files are read whole.
    private static func hasLoneCarriageReturn(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] == Ascii.carriageReturn {
                var next = index + 1
                while next < bytes.count, bytes[next] == Ascii.carriageReturn { next += 1 }
                if next >= bytes.count || bytes[next] != Ascii.lineFeed { return true }
                index = next
            }
            index += 1
        }
        return false
    }
}

/// Results handed from the parsing thread to the storing one, in order, at most two ahead.
final class PieceQueue<Result: Sendable>: Sendable {
    private let results: Mutex<[Int: Result]>
    private let available: [DispatchSemaphore]
    private let room = DispatchSemaphore(value: 2)

    init(count: Int) {
        results = Mutex([:])
        available = (0..<count).map { _ in DispatchSemaphore(value: 0) }
    }

    func waitForRoom() { room.wait() }

    func put(_ result: Result, at index: Int) {
        results.withLock { $0[index] = result }
        available[index].signal()
    }

    /// The result for `index`, once the producer has put it.
    func take(_ index: Int) -> Result {
        available[index].wait()
        room.signal()
        guard let result = results.withLock({ $0.removeValue(forKey: index) }) else {
            preconditionFailure("a piece's result was taken twice")
        }
        return result
    }
}
