import EcluseCore

/// Reads a YAML document into a `YAMLNode` tree through libyaml.
///
/// Anchors, aliases and multi-document streams are refused: a policy a DPO reviews should say
/// everything where it applies.
public struct YAMLReader: Sendable {
    public init() {}

    /// The root of the single document in `bytes`, or nil when there is none (an empty file).
    ///
    /// Throws a `FormatError` with libyaml's problem, line and column when the text is not YAML.
    public func read(_ bytes: [UInt8], file: String) throws(FormatError) -> YAMLNode? {
        let parser = try LibYAMLParser(bytes: bytes, file: file)
        var builder = YAMLTreeBuilder(file: file)
        while true {
            let event = try parser.next()
            if case .finished(let root) = try builder.consume(event) { return root }
        }
    }
}
