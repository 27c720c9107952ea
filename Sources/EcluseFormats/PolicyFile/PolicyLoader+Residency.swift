import EcluseCore

extension PolicyLoader {
    /// Reads `residency:` and, for `own-risk`, who accepted the risk and when.
    func readResidency(
        _ values: [String: YAMLPair],
        owner: String,
        at nameNode: YAMLNode,
        _ diagnostics: inout PolicyDiagnostics
    ) -> Residency? {
        let words = ["eu", "own-risk"]
        let node = diagnostics.required(
            "residency", in: values, of: owner, at: nameNode,
            fix: "Add \"residency: eu\", or \"residency: own-risk\" with \"approved-by:\" and \"approved-on:\".")
        guard let node, let word = diagnostics.choice(node, key: "residency", what: "residency", from: words)
        else { return nil }

        guard word == "own-risk" else {
            for key in ["approved-by", "approved-on"] {
                guard let pair = values[key] else { continue }
                diagnostics.report(
                    "\"\(key)\" applies only to residency own-risk", at: pair.key,
                    fix: "Remove it, or set \"residency: own-risk\" if the risk was accepted.")
            }
            return .eu
        }

        let approverNode = diagnostics.required(
            "approved-by", in: values, of: owner, at: nameNode,
            fix: "Residency own-risk needs \"approved-by:\" naming who accepted the risk.")
        let dateNode = diagnostics.required(
            "approved-on", in: values, of: owner, at: nameNode,
            fix: "Residency own-risk needs \"approved-on:\" with the date of the decision (YYYY-MM-DD).")
        let approver = approverNode.flatMap { diagnostics.text($0, named: "\"approved-by\"") }
        let date = dateNode.flatMap { diagnostics.text($0, named: "\"approved-on\"") }

        if let date, let dateNode, !Self.isISODate(date) {
            diagnostics.report(
                "\"approved-on\" should be a date written YYYY-MM-DD", at: dateNode,
                fix: "Write the date of the decision as, for example, 2026-11-30.")
            return nil
        }
        guard let approver, let date else { return nil }
        return .ownRisk(approver: approver, date: date)
    }

    /// Whether `text` is a day of the calendar written YYYY-MM-DD: 2026-02-30 is not.
    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month)
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...lengths[month - 1]).contains(day)
    }
}
