/// The written policy: why data may leave, where to, which subjects and which fields.
///
/// A `Policy` is what the policy file says, already validated: every rule names a purpose and
/// a destination that exist, every field path is known. `PolicyLoader` (in EcluseFormats)
/// builds it from YAML; the decision functions read it and nothing else.
public struct Policy: Sendable, Hashable {
    public var controller: Controller?
    public var purposes: [Purpose]
    public var destinations: [Destination]
    public var rules: [Rule]
    /// What a user's phone must meet before per-user destinations serve the user, if anything.
    public var devicePreamble: DevicePreamble?
    /// The SHA-256 of the policy file's bytes, hex: the version every ledger entry names.
    ///
    /// Two policies with one version are the same policy: the sync's shortcut for unchanged
    /// inputs (`SyncEngine`) relies on it, so a policy built in code must change its version
    /// when it changes.
    public var version: String

    public init(
        controller: Controller? = nil,
        purposes: [Purpose],
        destinations: [Destination],
        rules: [Rule],
        devicePreamble: DevicePreamble? = nil,
        version: String
    ) {
        self.controller = controller
        self.purposes = purposes
        self.destinations = destinations
        self.rules = rules
        self.devicePreamble = devicePreamble
        self.version = version
    }

    public func purpose(named name: String) -> Purpose? { purposes.first { $0.name == name } }

    public func destination(named name: String) -> Destination? { destinations.first { $0.name == name } }

    /// The longest `appointment-within` of the rules: how far from now meetings count.
    public var appointmentWindow: Period? {
        rules.compactMap(\.subjects.appointmentWithin).max { $0.days < $1.days }
    }

    /// The rules that send data to one destination, in file order.
    public func rules(for destination: String) -> [Rule] { rules.filter { $0.destination == destination } }
}

/// The controller of the processing, and its data protection officer.
public struct Controller: Sendable, Hashable {
    public var name: String
    public var dpo: String?

    public init(name: String, dpo: String? = nil) {
        self.name = name
        self.dpo = dpo
    }
}

/// Why data leaves: a name, a legal basis from Art. 6(1) GDPR, a description.
public struct Purpose: Sendable, Hashable {
    public var name: String
    public var legalBasis: LegalBasis
    public var description: String

    public init(name: String, legalBasis: LegalBasis, description: String = "") {
        self.name = name
        self.legalBasis = legalBasis
        self.description = description
    }
}

/// The six legal bases of Art. 6(1) GDPR, spelled as in the policy file.
public enum LegalBasis: String, Sendable, Hashable, CaseIterable {
    case consent
    case contract
    case legalObligation = "legal-obligation"
    case vitalInterest = "vital-interest"
    case publicTask = "public-task"
    case legitimateInterest = "legitimate-interest"

    /// The point of Art. 6(1) that this basis is.
    public var article: String {
        switch self {
        case .consent: "Art. 6(1)(a)"
        case .contract: "Art. 6(1)(b)"
        case .legalObligation: "Art. 6(1)(c)"
        case .vitalInterest: "Art. 6(1)(d)"
        case .publicTask: "Art. 6(1)(e)"
        case .legitimateInterest: "Art. 6(1)(f)"
        }
    }
}
