/// "Did you mean…" hints for names typed slightly wrong.
enum Suggestion {
    /// The candidate closest to `word` by edit distance, when it is close enough to be a typo.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let typed = Array(word.lowercased())
        let scored = candidates.map { ($0, distance(typed, Array($0.lowercased()))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }

        // Up to a third of the word may differ, but always allow two slips in short words.
        let tolerance = max(2, typed.count / 3)
        return best.1 <= tolerance && best.1 < typed.count ? best.0 : nil
    }

    /// `Did you mean "x"? ` when a candidate is close, else the empty string.
    static func didYouMean(_ word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { "Did you mean \"\($0)\"? " } ?? ""
    }

    /// Levenshtein distance: insertions, deletions and substitutions each cost one.
    static func distance(_ left: [Character], _ right: [Character]) -> Int {
        guard !left.isEmpty else { return right.count }
        guard !right.isEmpty else { return left.count }

        var previous = Array(0...right.count)
        var current = previous
        for (i, leftChar) in left.enumerated() {
            current[0] = i + 1
            for (j, rightChar) in right.enumerated() {
                let substitution = previous[j] + (leftChar == rightChar ? 0 : 1)
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }
}
