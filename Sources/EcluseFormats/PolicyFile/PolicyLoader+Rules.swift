import EcluseCore

extension PolicyLoader {
    static let ruleKeys = ["purpose", "to", "subjects", "fields", "keep", "appointment-details", "erase-details"]
    static let subjectKeys = [
        "owner", "tags-any", "tags-all", "tags-none", "organisations", "consent", "last-interaction-within",
        "appointment-within",
    ]

    /// Reads `rules:`; an absent or empty list is a policy that sends nothing.
    func readRules(
        _ section: YAMLPair?,
        declared: DeclaredNames,
        _ diagnostics: inout PolicyDiagnostics
    ) -> [Rule] {
        guard let section, let items = diagnostics.list(section.value, named: "\"rules\"") else { return [] }
        var rules: [Rule] = []
        // What each destination's first rule sends, since one collection holds one kind of item.
        var sends: [String: Bool] = [:]
        for (index, item) in items.enumerated() {
            guard let rule = readRule(item, number: index + 1, declared: declared, &diagnostics) else { continue }
            let appointments = rule.eraseDetails != nil
            if let first = sends[rule.destination], first != appointments {
                diagnostics.report(
                    "rule \(index + 1) sends \(appointments ? "appointments" : "contacts") to \(rule.destination), "
                        + "which an earlier rule fills with \(first ? "appointments" : "contacts")",
                    at: item,
                    fix: "A destination holds contacts or appointments, not both: declare a second destination "
                        + "for this rule.")
                continue
            }
            sends[rule.destination] = appointments
            rules.append(rule)
        }
        return rules
    }

    private func readRule(
        _ node: YAMLNode,
        number: Int,
        declared: DeclaredNames,
        _ diagnostics: inout PolicyDiagnostics
    ) -> Rule? {
        let owner = "rule \(number)"
        guard let pairs = diagnostics.mapping(node, named: owner) else { return nil }
        let values = diagnostics.keyed(
            pairs, allowed: Self.ruleKeys, in: owner, listing: "The keys of a rule are")

        let purpose = reference(
            "purpose", in: values, owner: owner, at: node, declared: declared.purposes, &diagnostics)
        let destination = reference(
            "to", in: values, owner: owner, at: node, declared: declared.destinations.names, &diagnostics)
        let scope = destination.flatMap { declared.destinations.scopes[$0] }
        let subjects = readSubjects(values["subjects"]?.value, owner: owner, scope: scope, &diagnostics)
        let kind = destination.flatMap { declared.destinations.kinds[$0] }
        guard values["appointment-details"] != nil || values["erase-details"] != nil else {
            let holdsEvents = kind == .caldav || kind == .icsFeed
            if let kind, holdsEvents {
                diagnostics.report(
                    "\(owner) sends contacts to a \(kind.rawValue) destination, which holds appointments only",
                    at: node,
                    fix: "Write the rule with \"appointment-details:\" (and \"erase-details:\"), or send it to a "
                        + "carddav, vdir or download destination.")
            }
            let fields = readFields(values, key: "fields", owner: owner, at: node, &diagnostics)
            let keep = readKeep(values["keep"]?.value, &diagnostics)
            guard let purpose, let destination, let subjects, let fields, let keep, !holdsEvents else { return nil }
            let location = SourceLocation(file: diagnostics.file, line: node.line, column: node.column)
            return Rule(
                purpose: purpose, destination: destination, subjects: subjects,
                fields: fields, keep: keep, location: location)
        }
        let details = readFields(values, key: "appointment-details", owner: owner, at: node, &diagnostics)
        let erase = readEraseDetails(values["erase-details"]?.value, &diagnostics)
        var valid = true
        for key in ["fields", "keep"] {
            guard let pair = values[key] else { continue }
            valid = false
            diagnostics.report(
                "\(owner) sends appointments, so \"\(key)\" does not apply", at: pair.key,
                fix: key == "fields"
                    ? "List the details each event may carry under \"appointment-details:\" only."
                    : "Say how long the details stay with \"erase-details:\", such as 90d after end.")
        }
        if let kind, kind == .carddav || kind == .download {
            valid = false
            diagnostics.report(
                "\(owner) sends appointments to a \(kind.rawValue) destination, which holds contacts only", at: node,
                fix: "Send appointments to a caldav, ics-feed or vdir destination.")
        }
        guard valid, let purpose, let destination, let subjects, let details, let erase else { return nil }
        let location = SourceLocation(file: diagnostics.file, line: node.line, column: node.column)
        return Rule(
            purpose: purpose, destination: destination, subjects: subjects, fields: details, eraseDetails: erase,
            location: location)
    }

    /// Reads `erase-details: 90d after end` (`90d` alone means the same); 90 days when absent.
    private func readEraseDetails(_ node: YAMLNode?, _ diagnostics: inout PolicyDiagnostics) -> Period? {
        guard let node else { return Rule.defaultEraseDetails }
        guard let text = diagnostics.text(node, named: "\"erase-details\"") else { return nil }
        let words = text.split(separator: " ").map(String.init)
        if let first = words.first, let period = Period(parsing: first),
            words.count == 1 || words.dropFirst() == ["after", "end"]
        {
            return period
        }
        diagnostics.report(
            "\"erase-details\" should be a period after the meeting's end, such as \"90d after end\"", at: node,
            fix: "Write erase-details: 90d after end (days d or weeks w, at most 36500d).")
        return nil
    }

    /// A rule's `purpose:` or `to:`, which must name something the policy declares.
    private func reference(
        _ key: String,
        in values: [String: YAMLPair],
        owner: String,
        at ruleNode: YAMLNode,
        declared: [String],
        _ diagnostics: inout PolicyDiagnostics
    ) -> String? {
        let what = key == "to" ? "destination" : "purpose"
        let section = key == "to" ? "destinations" : "purposes"
        let node = diagnostics.required(
            key, in: values, of: owner, at: ruleNode,
            fix: "Add \"\(key):\" with the name of a \(what) declared under \"\(section):\".")
        guard let node, let name = diagnostics.text(node, named: "\"\(key)\"") else { return nil }
        if declared.contains(name) { return name }

        let known =
            declared.isEmpty
            ? "Declare it under \"\(section):\" first."
            : "Declared \(section): \(declared.joined(separator: ", "))."
        diagnostics.report(
            "\(owner) names the \(what) \"\(name)\", which the policy does not declare", at: node,
            fix: Suggestion.didYouMean(name, among: declared) + known)
        return nil
    }

    private func readFields(
        _ values: [String: YAMLPair],
        key: String,
        owner: String,
        at ruleNode: YAMLNode,
        _ diagnostics: inout PolicyDiagnostics
    ) -> FieldSet? {
        let node = diagnostics.required(
            key, in: values, of: owner, at: ruleNode,
            fix: "Add \"\(key):\" with the fields the purpose needs, as in [name, phone.work].")
        guard let node, let items = diagnostics.list(node, named: "\"\(key)\"") else { return nil }
        if items.isEmpty {
            diagnostics.report(
                "\(owner) lets no field through", at: node,
                fix: "List the fields the purpose needs, as in [name, phone.work], or remove the rule.")
            return nil
        }

        var paths: [FieldPath] = []
        var valid = true
        for item in items {
            guard let text = diagnostics.text(item, named: "each field") else {
                valid = false
                continue
            }
            guard let path = FieldPath(parsing: text) else {
                let spellings = FieldPath.allSpellings
                diagnostics.report(
                    "unknown field \"\(text)\"", at: item,
                    fix: Suggestion.didYouMean(text, among: spellings)
                        + "Fields are: \(spellings.joined(separator: ", ")).")
                valid = false
                continue
            }
            paths.append(path)
        }
        return valid ? FieldSet(paths) : nil
    }

    /// Reads `keep: while-selected` or `keep: 30d after copy` (`30d` alone means the same).
    private func readKeep(_ node: YAMLNode?, _ diagnostics: inout PolicyDiagnostics) -> KeepRule? {
        guard let node else { return .whileSelected }
        guard let text = diagnostics.text(node, named: "\"keep\"") else { return nil }
        if text == "while-selected" { return .whileSelected }
        let words = text.split(separator: " ").map(String.init)
        if let first = words.first, let period = Period(parsing: first),
            words.count == 1 || words.dropFirst() == ["after", "copy"]
        {
            return .period(period)
        }
        diagnostics.report(
            "\"keep\" should be while-selected, or a period such as \"30d after copy\"", at: node,
            fix: "Write keep: while-selected, or keep: 30d after copy (days d or weeks w, at most 36500d).")
        return nil
    }
}
