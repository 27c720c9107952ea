/// One parser event, copied out of libyaml's memory, with where it starts.
struct YAMLEvent: Sendable, Hashable {
    var kind: Kind
    /// The 1-based line of the event's start mark.
    var line: Int
    /// The 1-based column of the event's start mark.
    var column: Int

    enum Kind: Sendable, Hashable {
        case streamStart
        case streamEnd
        case documentStart
        case documentEnd
        /// `anchored` is true when the node carries an anchor (`&name`).
        case scalar(String, quoted: Bool, anchored: Bool)
        case sequenceStart(anchored: Bool)
        case sequenceEnd
        case mappingStart(anchored: Bool)
        case mappingEnd
        /// A reference to an anchored node (`*name`).
        case alias
    }
}
