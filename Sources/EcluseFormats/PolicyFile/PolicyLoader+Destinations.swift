import EcluseCore

/// The destinations a policy declares: the valid ones, every name, and each readable scope.
struct DestinationsRead {
    var valid: [Destination] = []
    var names: [String] = []
    var scopes: [String: DestinationScope] = [:]
    var kinds: [String: DestinationKind] = [:]
}

extension PolicyLoader {
    /// The keys every destination may have; the rest are the connector's settings.
    static let destinationKeys = [
        "kind", "scope", "residency", "attestations", "when-attestations-lapse", "approved-by", "approved-on",
        "on-drift",
    ]

    /// The connector settings each kind takes, required ones first.
    static func settings(for kind: DestinationKind) -> (required: [String], optional: [String]) {
        switch kind {
        case .vdir: (["path"], [])
        case .carddav, .caldav: ([], ["url", "discover", "collection", "username", "password-env", "timeout"])
        case .download, .icsFeed: ([], [])
        }
    }

    /// Every setting `kind` takes; every setting of any kind when the kind is unknown.
    static func settingKeys(for kind: DestinationKind?) -> [String] {
        let kinds = kind.map { [$0] } ?? DestinationKind.allCases
        return kinds.flatMap { Self.settings(for: $0).required + Self.settings(for: $0).optional }
    }

    /// Reads `destinations:`; an absent or empty section declares none.
    func readDestinations(_ section: YAMLPair?, _ diagnostics: inout PolicyDiagnostics) -> DestinationsRead {
        var read = DestinationsRead()
        guard let section, !section.value.isNull else { return read }
        guard let pairs = diagnostics.mapping(section.value, named: "\"destinations\"") else { return read }

        for (name, pair) in diagnostics.names(pairs, of: "destination") {
            read.names.append(name)
            if let destination = readDestination(name, pair, into: &read, &diagnostics) {
                read.valid.append(destination)
            }
        }
        return read
    }

    private func readDestination(
        _ name: String,
        _ pair: YAMLPair,
        into read: inout DestinationsRead,
        _ diagnostics: inout PolicyDiagnostics
    ) -> Destination? {
        let owner = "destination \"\(name)\""
        guard let pairs = diagnostics.mapping(pair.value, named: owner) else { return nil }

        // The kind decides which settings are allowed, so it is read before the keys are checked.
        let kinds = DestinationKind.allCases.map(\.rawValue)
        let kindNode = pairs.first { $0.key.text == "kind" }?.value
        let kind =
            kindNode
            .flatMap { diagnostics.choice($0, key: "kind", what: "destination kind", from: kinds) }
            .flatMap(DestinationKind.init(rawValue:))
        let listing = kind.map { "A \($0.rawValue) destination takes" } ?? "The keys of a destination are"
        let values = diagnostics.keyed(
            pairs, allowed: Self.destinationKeys + Self.settingKeys(for: kind), in: owner, listing: listing)
        if kindNode == nil {
            diagnostics.report(
                "\(owner) has no \"kind\"", at: pair.key,
                fix: "Add \"kind:\" with one of: \(kinds.joined(separator: ", ")).")
        }

        var scope: DestinationScope? = .shared
        if let node = values["scope"]?.value {
            let scopes = DestinationScope.allCases.map(\.rawValue)
            scope = diagnostics.choice(node, key: "scope", what: "scope", from: scopes)
                .flatMap(DestinationScope.init(rawValue:))
        }
        read.scopes[name] = scope
        read.kinds[name] = kind

        let residency = readResidency(values, owner: owner, at: pair.key, &diagnostics)
        let attestations = values["attestations"]
            .flatMap { diagnostics.texts($0.value, named: "\"attestations\"") }
        var lapse: AttestationLapse? = .freeze
        if let node = values["when-attestations-lapse"]?.value {
            let outcomes = AttestationLapse.allCases.map(\.rawValue)
            lapse = diagnostics.choice(node, key: "when-attestations-lapse", what: "outcome", from: outcomes)
                .flatMap(AttestationLapse.init(rawValue:))
        }
        var drift: DriftPolicy? = .restore
        if let node = values["on-drift"]?.value {
            let choices = DriftPolicy.allCases.map(\.rawValue)
            drift = diagnostics.choice(node, key: "on-drift", what: "drift policy", from: choices)
                .flatMap(DriftPolicy.init(rawValue:))
        }
        if let kind, kind.isServed, scope == .shared {
            diagnostics.report(
                "\(owner) is a \(kind.rawValue), which serves each user their own data, so it must be per-user",
                at: values["scope"]?.value ?? pair.key, fix: "Write \"scope: per-user\".")
            return nil
        }
        guard let kind, let scope, let lapse, let drift else { return nil }
        let settings = readSettings(
            values, kind: kind, scope: scope, owner: owner, at: pair.key, &diagnostics)

        guard let residency, let settings else { return nil }
        return Destination(
            name: name,
            kind: kind,
            scope: scope,
            residency: residency,
            attestations: attestations ?? [],
            whenAttestationsLapse: lapse,
            settings: settings,
            onDrift: drift
        )
    }
}
