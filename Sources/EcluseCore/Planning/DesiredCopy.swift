/// A copy the policy demands now: this subject, minimised to these fields, in this collection.
public struct DesiredCopy: Sendable, Hashable {
    public var collection: CollectionKey
    public var subject: SubjectID
    public var copyUID: String
    /// The contact as it may leave: only the allowed fields.
    public var content: Contact
    /// The allowed fields the copy really carries (see `Contact.carriedFields(of:)`).
    public var fields: FieldSet
    /// The hash of `content`'s canonical form; a changed hash means the copy needs an update.
    public var contentHash: String
    /// How long the copy may stay.
    public var keep: KeepRule

    public init(
        collection: CollectionKey, subject: SubjectID, content: Contact, fields: FieldSet,
        keep: KeepRule = .whileSelected
    ) {
        self.collection = collection
        self.subject = subject
        self.copyUID = collection.copyUID(for: subject)
        self.content = content
        self.fields = content.carriedFields(of: fields)
        self.contentHash = content.contentHash
        self.keep = keep
    }
}
