import EcluseCore

/// Collects the problems of one policy file while reading typed values out of YAML nodes.
///
/// Every reader reports and carries on, so one load lists every mistake. Messages name keys
/// and policy words; a value is quoted only where it is a policy word (a basis, a kind, a name),
/// never for free text such as the DPO's address.
struct PolicyDiagnostics {
    let file: String
    private(set) var problems: [FormatError] = []

    init(file: String) { self.file = file }

    func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.line, column: node.column)
    }

    mutating func report(_ message: String, at node: YAMLNode, fix: String) {
        problems.append(FormatError(message, at: location(node), fix: fix))
    }

    /// The pairs of a mapping; anything else is reported.
    mutating func mapping(_ node: YAMLNode, named name: String) -> [YAMLPair]? {
        if let pairs = node.pairs { return pairs }
        report(
            "\(name) should be a mapping, but it is \(node.kindDescription)",
            at: node,
            fix: "Write it as indented \"key: value\" lines, or as { key: value, … }."
        )
        return nil
    }

    /// The items of a list; null counts as an empty list, anything else is reported.
    mutating func list(_ node: YAMLNode, named name: String) -> [YAMLNode]? {
        if let items = node.items { return items }
        if node.isNull { return [] }
        report(
            "\(name) should be a list, but it is \(node.kindDescription)",
            at: node,
            fix: "Write it as [a, b] or as indented \"- item\" lines."
        )
        return nil
    }

    /// The text of a scalar; null, lists and mappings are reported without echoing the value.
    mutating func text(_ node: YAMLNode, named name: String) -> String? {
        if let text = node.text { return text }
        if node.isNull {
            report("\(name) has no value", at: node, fix: "Write a value after the colon.")
        } else if node.pairs != nil {
            report(
                "\(name) should be text, but it is a mapping",
                at: node,
                fix: "Quote the value: text that starts with \"{\" is read as a mapping, as in \"{user}\"."
            )
        } else {
            report(
                "\(name) should be text, but it is \(node.kindDescription)",
                at: node,
                fix: "Write a single value, quoted if it contains \": \" or \" #\"."
            )
        }
        return nil
    }

    /// The texts of a list of scalars, each checked.
    mutating func texts(_ node: YAMLNode, named name: String) -> [String]? {
        guard let items = list(node, named: name) else { return nil }
        var texts: [String] = []
        for item in items {
            guard let text = text(item, named: "each item of \(name)") else { continue }
            texts.append(text)
        }
        return texts
    }

    /// One of a closed set of words, such as a legal basis or a scope.
    mutating func choice(_ node: YAMLNode, key: String, what: String, from options: [String]) -> String? {
        guard let word = text(node, named: "\"\(key)\"") else { return nil }
        if options.contains(word) { return word }
        report(
            "unknown \(what) \"\(word)\"",
            at: node,
            fix: Suggestion.didYouMean(word, among: options) + "Use one of: \(options.joined(separator: ", "))."
        )
        return nil
    }

    /// The pairs of a mapping by key, after reporting unknown, duplicate and non-text keys.
    ///
    /// `owner` names the mapping in messages ("purpose \"calls\""); `listing` introduces the
    /// valid keys in the fix ("The keys of a purpose are").
    mutating func keyed(
        _ pairs: [YAMLPair],
        allowed: [String],
        in owner: String,
        listing: String
    ) -> [String: YAMLPair] {
        var byKey: [String: YAMLPair] = [:]
        for pair in pairs {
            guard let key = text(pair.key, named: "a key of \(owner)") else { continue }
            if let first = byKey[key] {
                report(
                    "duplicate key \"\(key)\" in \(owner) (first on line \(first.key.line))",
                    at: pair.key,
                    fix: "Keep a single \"\(key):\"."
                )
            } else if allowed.contains(key) {
                byKey[key] = pair
            } else {
                report(
                    "unknown key \"\(key)\" in \(owner)",
                    at: pair.key,
                    fix: Suggestion.didYouMean(key, among: allowed)
                        + "\(listing): \(allowed.joined(separator: ", "))."
                )
            }
        }
        return byKey
    }

    /// The value of a required key, or a report at `node` (the mapping's name or start).
    mutating func required(
        _ key: String,
        in values: [String: YAMLPair],
        of owner: String,
        at node: YAMLNode,
        fix: String
    ) -> YAMLNode? {
        if let pair = values[key] { return pair.value }
        report("\(owner) has no \"\(key)\"", at: node, fix: fix)
        return nil
    }

    /// Names declared as keys of a mapping (purposes, destinations), reporting duplicates.
    mutating func names(_ pairs: [YAMLPair], of what: String) -> [(name: String, pair: YAMLPair)] {
        var seen: [String: Int] = [:]
        var names: [(name: String, pair: YAMLPair)] = []
        for pair in pairs {
            guard let name = text(pair.key, named: "a \(what) name") else { continue }
            if let line = seen[name] {
                report(
                    "duplicate \(what) \"\(name)\" (first declared on line \(line))",
                    at: pair.key,
                    fix: "Give each \(what) its own name, or merge the two."
                )
                continue
            }
            seen[name] = pair.key.line
            names.append((name, pair))
        }
        return names
    }
}
