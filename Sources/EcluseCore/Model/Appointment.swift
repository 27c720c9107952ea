import Foundation

/// A meeting between a user and one or more subjects.
///
/// Stored from the first milestone on; the iCalendar reader and the calendar destinations that
/// carry them come with the formats and sync issues.
public struct Appointment: Sendable, Hashable, Codable {
    public var id: String
    public var sourceUID: String?
    public var summary: String
    public var start: Date
    public var end: Date
    public var owner: String?
    public var subjects: [SubjectID]

    public init(
        id: String,
        sourceUID: String? = nil,
        summary: String,
        start: Date,
        end: Date,
        owner: String? = nil,
        subjects: [SubjectID] = []
    ) {
        self.id = id
        self.sourceUID = sourceUID
        self.summary = summary
        self.start = start
        self.end = end
        self.owner = owner
        self.subjects = subjects
    }
}
