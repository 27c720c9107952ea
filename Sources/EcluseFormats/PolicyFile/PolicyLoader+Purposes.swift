import EcluseCore

/// The purposes a policy declares: the valid ones, and every name (for rules to refer to).
struct PurposesRead {
    var valid: [Purpose] = []
    var names: [String] = []
}

extension PolicyLoader {
    static let purposeKeys = ["legal-basis", "description"]

    /// Reads `purposes:`, which must declare at least one purpose.
    func readPurposes(
        _ section: YAMLPair?,
        root: YAMLNode,
        _ diagnostics: inout PolicyDiagnostics
    ) -> PurposesRead {
        var read = PurposesRead()
        let fix = "Declare at least one purpose under \"purposes:\", with its \"legal-basis:\"."
        guard let section else {
            diagnostics.report("the policy declares no purpose", at: root, fix: fix)
            return read
        }
        if section.value.isNull || section.value.pairs?.isEmpty == true {
            diagnostics.report("the policy declares no purpose", at: section.key, fix: fix)
            return read
        }
        guard let pairs = diagnostics.mapping(section.value, named: "\"purposes\"") else { return read }

        for (name, pair) in diagnostics.names(pairs, of: "purpose") {
            read.names.append(name)
            if let purpose = readPurpose(name, pair, &diagnostics) { read.valid.append(purpose) }
        }
        return read
    }

    private func readPurpose(
        _ name: String,
        _ pair: YAMLPair,
        _ diagnostics: inout PolicyDiagnostics
    ) -> Purpose? {
        let owner = "purpose \"\(name)\""
        guard let pairs = diagnostics.mapping(pair.value, named: owner) else { return nil }
        let values = diagnostics.keyed(
            pairs, allowed: Self.purposeKeys, in: owner, listing: "The keys of a purpose are")

        let bases = LegalBasis.allCases.map(\.rawValue)
        let basisNode = diagnostics.required(
            "legal-basis", in: values, of: owner, at: pair.key,
            fix: "Add \"legal-basis:\" with one of: \(bases.joined(separator: ", ")).")
        let basis =
            basisNode
            .flatMap { diagnostics.choice($0, key: "legal-basis", what: "legal basis", from: bases) }
            .flatMap(LegalBasis.init(rawValue:))

        var description = ""
        if let node = values["description"]?.value, !node.isNull {
            description = diagnostics.text(node, named: "\"description\"") ?? ""
        }
        guard let basis else { return nil }
        return Purpose(name: name, legalBasis: basis, description: description)
    }
}
