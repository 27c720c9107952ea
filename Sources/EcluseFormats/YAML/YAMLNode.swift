/// One node of a YAML document: a scalar, a sequence or a mapping, with where it starts.
///
/// The tree keeps only what the policy loader needs: text, order and positions. Mapping keys
/// are nodes too, so an error about a key can point at the key itself.
public struct YAMLNode: Sendable, Hashable {
    public var content: Content
    /// The 1-based line where the node starts.
    public var line: Int
    /// The 1-based column where the node starts.
    public var column: Int

    public init(_ content: Content, line: Int, column: Int) {
        self.content = content
        self.line = line
        self.column = column
    }

    /// What a node holds.
    public enum Content: Sendable, Hashable {
        /// Text as written; `quoted` is true for single- and double-quoted, literal and folded scalars.
        case scalar(String, quoted: Bool)
        case sequence([YAMLNode])
        /// Key-value pairs in file order; YAML's duplicate keys are kept for the reader to judge.
        case mapping([YAMLPair])
    }
}

/// One entry of a YAML mapping.
public struct YAMLPair: Sendable, Hashable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

extension YAMLNode {
    /// The text of a scalar that is not null, else nil.
    public var text: String? {
        guard case .scalar(let text, _) = content, !isNull else { return nil }
        return text
    }

    /// Whether the node is YAML's null: an empty plain scalar, `~` or `null` (YAML 1.2 core schema).
    public var isNull: Bool {
        guard case .scalar(let text, let quoted) = content, !quoted else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// The items of a sequence, else nil.
    public var items: [YAMLNode]? {
        guard case .sequence(let items) = content else { return nil }
        return items
    }

    /// The pairs of a mapping, else nil.
    public var pairs: [YAMLPair]? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs
    }

    /// How the node is named in an error message: "text", "a list", "a mapping" or "nothing".
    public var kindDescription: String {
        switch content {
        case .scalar: isNull ? "nothing" : "text"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}
