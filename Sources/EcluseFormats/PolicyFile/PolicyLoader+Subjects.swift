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
        return valid ? selector : nil
    }
}
