import EcluseCore

extension PolicyLoader {
    /// Reads a rule's `subjects:`; without it the rule selects every subject.
    ///
    /// `scope` is the scope of the rule's destination when it is known, to refuse `owner: self`
    /// where there is no user to compare the owner with.
    func readSubjects(
        _ node: YAMLNode?,
        owner ruleName: String,
        scope: DestinationScope?,
        _ diagnostics: inout PolicyDiagnostics
    ) -> SubjectSelector? {
        guard let node, !node.isNull else { return SubjectSelector() }
        let owner = "the subjects of \(ruleName)"
        guard let pairs = diagnostics.mapping(node, named: "\"subjects\"") else { return nil }
        let values = diagnostics.keyed(
            pairs, allowed: Self.subjectKeys, in: owner, listing: "The keys of subjects are")

        var valid = true
        var selector = SubjectSelector()
        if let ownerNode = values["owner"]?.value {
            let word = diagnostics.choice(ownerNode, key: "owner", what: "owner", from: ["self", "any"])
            if let word, let parsed = OwnerSelector(rawValue: word) {
                selector.owner = parsed
                if parsed == .self, scope == .shared {
                    diagnostics.report(
                        "owner: self needs a per-user destination, but the destination of \(ruleName) is shared",
                        at: ownerNode,
                        fix: "Use \"owner: any\", or send the rule to a destination with \"scope: per-user\".")
                    valid = false
                }
            } else {
                valid = false
            }
        }

        for key in ["tags-any", "tags-all", "tags-none"] {
            guard let tagNode = values[key]?.value else { continue }
            guard let tags = diagnostics.texts(tagNode, named: "\"\(key)\"") else {
                valid = false
                continue
            }
            switch key {
            case "tags-any": selector.tagsAny = tags
            case "tags-all": selector.tagsAll = tags
            default: selector.tagsNone = tags
            }
        }
        if let node = values["organisations"]?.value {
            if let names = diagnostics.texts(node, named: "\"organisations\"") {
                selector.organisations = names
            } else {
                valid = false
            }
        }
        if let node = values["consent"]?.value {
            let words = ConsentRequirement.allCases.map(\.rawValue)
            if let word = diagnostics.choice(node, key: "consent", what: "consent requirement", from: words) {
                selector.consent = ConsentRequirement(rawValue: word) ?? .notWithdrawn
            } else {
                valid = false
            }
        }
        for key in ["last-interaction-within", "appointment-within"] {
            guard let node = values[key]?.value else { continue }
            guard let text = diagnostics.text(node, named: "\"\(key)\"") else {
                valid = false
                continue
            }
            guard let period = Period(parsing: text) else {
                diagnostics.report(
                    "\"\(key)\" should be a length of time such as 90d or 12w", at: node,
                    fix: "Write a whole number of days (d) or weeks (w), at most 36500d (100 years).")
                valid = false
                continue
            }
            if key == "appointment-within" {
                selector.appointmentWithin = period
            } else {
                selector.lastInteractionWithin = period
            }
        }
        return valid ? selector : nil
    }
}
