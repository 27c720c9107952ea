/// A copy the policy demands now: this record, shaped as it may leave, in this collection.
///
/// A contact copy carries one subject, minimised to the allowed fields; an event copy carries
/// one appointment and the details of its attendees that may still go with it.
public struct DesiredCopy: Sendable, Hashable {
    public var collection: CollectionKey
    /// The contact's id, or the appointment's for an event copy.
    public var subject: SubjectID
    public var copyUID: String
    /// What the copy holds: only the allowed fields.
    public var content: CopyContent
    /// The allowed fields the copy really carries (see `Contact.carriedFields(of:)`); for an
    /// event, the union over the attendees whose details it carries.
    public var fields: FieldSet
    /// The hash of the content's canonical form; a changed hash means the copy needs an update.
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
        self.content = .contact(content)
        self.fields = content.carriedFields(of: fields)
        self.contentHash = content.contentHash
        self.keep = keep
    }

    /// The copy of an appointment; `details` are the fields each attendee's details were
    /// minimised to, so that the copy records what it really carries.
    public init(collection: CollectionKey, appointment: String, event: EventCopy, details: FieldSet) {
        self.collection = collection
        self.subject = SubjectID(appointment)
        self.copyUID = collection.copyUID(for: subject)
        self.content = .event(event)
        self.fields = event.allDetails.reduce(FieldSet.none) { $0.union($1.carriedFields(of: details)) }
        self.contentHash = event.contentHash
        self.keep = .whileSelected
    }

    /// The contact a contact copy carries; nil for an event.
    public var contact: Contact? {
        if case .contact(let contact) = content { return contact }
        return nil
    }
}

/// What one copy holds.
public enum CopyContent: Sendable, Hashable {
    case contact(Contact)
    case event(EventCopy)
}
