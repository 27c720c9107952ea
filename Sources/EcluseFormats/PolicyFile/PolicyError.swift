/// Everything wrong with a policy file, in file order, so that one run shows every fix to make.
public struct PolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [FormatError]

    public init(problems: [FormatError]) { self.problems = problems }

    /// One problem per line, each with its file, line, column and fix.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
