import EcluseCore

/// Builds a node tree from parser events, one event at a time.
///
/// A value-type state machine: `consume` takes an event and says whether the stream is done,
/// so the tree logic is tested without libyaml and nesting never recurses.
struct YAMLTreeBuilder {
    /// What the builder needs after an event.
    enum Step: Equatable {
        case needMore
        /// The stream ended; the document's root, or nil for an empty stream.
        case finished(YAMLNode?)
    }

    /// Deeper nesting is refused, so a hostile file cannot make the tree absurdly deep.
    static let maximumDepth = 64

    /// A collection being built. Mutated in place on the stack: rebuilding it for each child
    /// copied its children every time, and a policy with thousands of keys took seconds.
    private struct Frame {
        var start: YAMLEvent
        var isMapping: Bool
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
    }

    private let file: String
    private var stack: [Frame] = []
    private var root: YAMLNode?
    private var documents = 0

    init(file: String) { self.file = file }

    mutating func consume(_ event: YAMLEvent) throws(FormatError) -> Step {
        switch event.kind {
        case .streamStart, .documentEnd:
            return .needMore
        case .documentStart:
            documents += 1
            guard documents == 1 else { throw refusal(secondDocumentAt: event) }
            return .needMore
        case .streamEnd:
            return .finished(root)
        case .scalar(let text, let quoted, let anchored):
            guard !anchored else { throw refusal(anchorAt: event) }
            add(YAMLNode(.scalar(text, quoted: quoted), line: event.line, column: event.column))
        case .sequenceStart(let anchored), .mappingStart(let anchored):
            guard !anchored else { throw refusal(anchorAt: event) }
            try push(event)
        case .sequenceEnd, .mappingEnd:
            pop()
        case .alias:
            throw refusal(anchorAt: event)
        }
        return .needMore
    }

    private mutating func push(_ event: YAMLEvent) throws(FormatError) {
        guard stack.count < Self.maximumDepth else {
            throw FormatError(
                "the YAML is nested more than \(Self.maximumDepth) levels deep",
                at: location(event),
                fix: "A policy needs only a few levels; check the indentation of this part."
            )
        }
        if case .sequenceStart = event.kind {
            stack.append(Frame(start: event, isMapping: false))
        } else {
            stack.append(Frame(start: event, isMapping: true))
        }
    }

    private mutating func pop() {
        guard let frame = stack.popLast() else { return }
        let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
        add(YAMLNode(content, line: frame.start.line, column: frame.start.column))
    }

    /// Hands a finished node to the collection that holds it, or makes it the root.
    private mutating func add(_ node: YAMLNode) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].pendingKey {
            stack[top].pairs.append(YAMLPair(key: key, value: node))
            stack[top].pendingKey = nil
        } else {
            stack[top].pendingKey = node
        }
    }

    private func location(_ event: YAMLEvent) -> SourceLocation {
        SourceLocation(file: file, line: event.line, column: event.column)
    }

    private func refusal(anchorAt event: YAMLEvent) -> FormatError {
        FormatError(
            "anchors and aliases (&name, *name) are not supported",
            at: location(event),
            fix: "Write the repeated part out in full, so that each part reads as it applies."
        )
    }

    private func refusal(secondDocumentAt event: YAMLEvent) -> FormatError {
        FormatError(
            "the file holds more than one YAML document",
            at: location(event),
            fix: "Keep one document: remove the second \"---\" and what follows, or merge the two."
        )
    }
}
