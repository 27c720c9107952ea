import Foundation

/// Builds the event copies one collection of an appointment destination must hold now, and
/// the moments those copies change by themselves.
///
/// Each appointment of the collection's user (every appointment, for a shared destination)
/// becomes one event. An attendee who is a known contact brings the details that the rules
/// selecting them allow, until the meeting's end plus the rule's `erase-details` period; after
/// that the event is rewritten without them (promise 4). A repeating appointment carries
/// details only in the occurrences that ended less than that period ago or start within
/// `detailsLookahead`.
public struct EventCopyBuilder: Sendable {
    /// How far ahead the occurrences of a repeating appointment carry details. Further ones
    /// get them as they come closer, at the deadlines the builder reports.
    public static let detailsLookahead = Period(days: 92)
    /// At most this many occurrences of one series are written apart with details, the
    /// nearest to now first: a meeting every minute must not make an item of 100,000
    /// occurrences. The others show the series' title and time only.
    public static let detailedOccurrencesLimit = 200

    private let policy: Policy
    private let decider: Decider
    private let expander: any OccurrenceExpanding
    private let context: DecisionContext
    private let contactsByEmail: [String: [Contact]]

    public init(policy: Policy, contacts: [Contact], context: DecisionContext, expander: any OccurrenceExpanding) {
        self.policy = policy
        self.decider = Decider(policy: policy)
        self.expander = expander
        self.context = context
        var byEmail: [String: [Contact]] = [:]
        for contact in contacts {
            for email in Set(contact.emails.map { Self.normalised($0.value) }) where !email.isEmpty {
                byEmail[email, default: []].append(contact)
            }
        }
        self.contactsByEmail = byEmail
    }

    /// The copies `key` of `destination` must hold, and the future moments they change.
    public func copies(
        for key: CollectionKey, of destination: Destination, appointments: [Appointment]
    ) -> (copies: [DesiredCopy], deadlines: [Date]) {
        let mine = appointments.filter { key.userOrNil == nil || $0.owner == key.user }
        let seriesUIDs = Set(mine.filter { $0.recurrenceID == nil }.map(\.sourceUID))
        let changed = Dictionary(grouping: mine.filter { $0.recurrenceID != nil }) { $0.sourceUID }
        let allowed = policy.rules(for: destination.name).reduce(FieldSet.none) { $0.union($1.fields) }
        var copies: [DesiredCopy] = []
        var deadlines: [Date] = []

        for appointment in mine {
            // A changed occurrence goes inside its series' event; one whose series is not in
            // the store is sent as an event of its own.
            if appointment.recurrenceID != nil, seriesUIDs.contains(appointment.sourceUID) { continue }
            let event: EventCopy
            if appointment.rrule != nil, appointment.recurrenceID == nil {
                event = series(appointment, changed: changed[appointment.sourceUID] ?? [], key, destination, &deadlines)
            } else {
                let details = details(of: appointment, endingAt: appointment.end.instant, key, destination, &deadlines)
                event = EventCopy(
                    summary: appointment.summary, location: appointment.location, start: appointment.start,
                    end: appointment.end, details: details)
            }
            copies.append(DesiredCopy(collection: key, appointment: appointment.id, event: event, details: allowed))
        }
        return (copies, deadlines)
    }

    private func series(
        _ appointment: Appointment, changed: [Appointment], _ key: CollectionKey, _ destination: Destination,
        _ deadlines: inout [Date]
    ) -> EventCopy {
        let now = context.now
        let longest = policy.rules(for: destination.name).compactMap(\.eraseDetails).map(\.seconds).max() ?? 0
        let ahead = now.addingTimeInterval(Self.detailsLookahead.seconds)
        // A week's margin before the window catches occurrences that start before it and end in it.
        let from = now.addingTimeInterval(-longest - 7 * 86_400)
        let occurrences = expander.occurrences(
            of: appointment, changed: changed, from: from, to: ahead.addingTimeInterval(400 * 86_400))
        if let next = occurrences.first(where: { $0.start.instant > ahead }) {
            deadlines.append(next.start.instant.addingTimeInterval(-Self.detailsLookahead.seconds))
        }
        var written: [Date: OccurrenceCopy] = [:]
        let near = occurrences.filter { $0.start.instant <= ahead }
            .sorted { abs($0.start.instant.timeIntervalSince(now)) < abs($1.start.instant.timeIntervalSince(now)) }
            .prefix(Self.detailedOccurrencesLimit)
        for occurrence in near {
            let source = occurrence.changed ?? appointment
            let details = details(of: source, endingAt: occurrence.end.instant, key, destination, &deadlines)
            guard !details.isEmpty || occurrence.changed != nil else { continue }
            written[occurrence.recurrenceID] = OccurrenceCopy(
                recurrenceID: occurrence.recurrenceID, summary: source.summary, location: source.location,
                start: occurrence.start, end: occurrence.end, details: details)
        }
        // Changed occurrences outside the window are written too, without details, so that
        // the calendar shows the meeting where it really is.
        for change in changed {
            guard let recurrenceID = change.recurrenceID, written[recurrenceID] == nil else { continue }
            written[recurrenceID] = OccurrenceCopy(
                recurrenceID: recurrenceID, summary: change.summary, location: change.location, start: change.start,
                end: change.end)
        }
        return EventCopy(
            summary: appointment.summary, location: appointment.location, start: appointment.start,
            end: appointment.end, rrule: appointment.rrule, exdates: appointment.exdates,
            occurrences: written.values.sorted { $0.recurrenceID < $1.recurrenceID })
    }

    /// The attendees' details a meeting ending at `end` carries now, each minimised to the
    /// fields of the rules that select the attendee and whose period has not run out.
    private func details(
        of appointment: Appointment, endingAt end: Date, _ key: CollectionKey, _ destination: Destination,
        _ deadlines: inout [Date]
    ) -> [Contact] {
        var seen: Set<SubjectID> = []
        var details: [Contact] = []
        for email in appointment.attendees {
            for contact in contactsByEmail[Self.normalised(email)] ?? [] where seen.insert(contact.id).inserted {
                let decision = decider.decide(contact, at: destination, for: key.userOrNil, in: context)
                var fields = FieldSet.none
                for rule in decision.matchedRules {
                    guard let period = rule.eraseDetails else { continue }
                    let deadline = end.addingTimeInterval(period.seconds)
                    guard deadline > context.now else { continue }
                    deadlines.append(deadline)
                    fields = fields.union(rule.fields)
                }
                let shown = contact.minimised(to: fields)
                if !contact.carriedFields(of: fields).paths.isEmpty { details.append(shown) }
            }
        }
        return details
    }

    private static func normalised(_ email: String) -> String {
        Email.matchKey(of: email)
    }
}
