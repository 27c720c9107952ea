import Foundation

/// Decides, for a subject and a destination, whether data may leave and which fields.
///
/// A pure function of the policy, the subject, the collection's user and a context (the time,
/// the appointments): nothing here reads a store or a clock, so every branch is reachable
/// from a test.
public struct Decider: Sendable {
    public let policy: Policy

    public init(policy: Policy) { self.policy = policy }

    /// The decision for `contact` at `destination`, in the collection of `user`.
    ///
    /// `user` is the login whose collection is being filled for a per-user destination, and
    /// nil for a shared one; a rule with `owner: self` never selects anything without a user.
    public func decide(
        _ contact: Contact,
        at destination: Destination,
        for user: String?,
        in context: DecisionContext = DecisionContext()
    ) -> Decision {
        var matched: [Rule] = []
        var fields = FieldSet.none
        var reasons: [HoldReason] = []

        let rules = policy.rules(for: destination.name)
        if rules.isEmpty {
            reasons.append(HoldReason(rule: destination.name, reason: "no rule sends anything to this destination"))
        }
        for rule in rules {
            if let reason = holdReason(rule, contact, user, context) {
                reasons.append(HoldReason(rule: rule.label, reason: reason))
            } else {
                matched.append(rule)
                fields = fields.union(rule.fields)
            }
        }
        return Decision(matchedRules: matched, fields: fields, reasons: reasons)
    }

    /// Why `rule` does not select `contact`, or nil when it does.
    private func holdReason(_ rule: Rule, _ contact: Contact, _ user: String?, _ context: DecisionContext) -> String? {
        let selector = rule.subjects
        if let reason = consentReason(rule, contact) { return reason }
        if selector.owner == .self {
            guard let user else { return "owner: self needs a per-user destination" }
            guard contact.owner == user else { return "owned by another user, not by this collection's user" }
        }
        if let reason = tagReason(selector, Set(contact.tags)) { return reason }
        if !selector.organisations.isEmpty {
            let name = contact.organisation?.name.lowercased()
            guard let name, selector.organisations.contains(where: { $0.lowercased() == name }) else {
                return "works for none of the organisations the rule names"
            }
        }
        if let period = selector.lastInteractionWithin {
            let since = context.now.addingTimeInterval(-period.seconds)
            guard let last = contact.lastInteraction, LocalDateTime(date: last).instantInUTC >= since else {
                return "no interaction recorded in the last \(period)"
            }
        }
        if let period = selector.appointmentWithin {
            let meetings = context.appointments[contact.id] ?? []
            let near = meetings.contains { meeting in
                (user == nil || meeting.owner == user)
                    && abs(meeting.start.timeIntervalSince(context.now)) <= period.seconds
            }
            guard near else { return "no appointment with this collection's user within \(period) of now" }
        }
        return nil
    }

    /// A subject who withdrew consent or objected is never selected (Art. 7(3), Art. 21); a
    /// purpose resting on consent selects only subjects who gave it.
    private func consentReason(_ rule: Rule, _ contact: Contact) -> String? {
        switch contact.consent {
        case .withdrawn: return "the subject withdrew consent"
        case .objected: return "the subject objected to the processing (Art. 21)"
        case .given: return nil
        case nil:
            let restsOnConsent = policy.purpose(named: rule.purpose)?.legalBasis == .consent
            if restsOnConsent || rule.subjects.consent == .given {
                return "the subject's consent is not recorded as given"
            }
            return nil
        }
    }

    private func tagReason(_ selector: SubjectSelector, _ tags: Set<String>) -> String? {
        if !selector.tagsAny.isEmpty, tags.isDisjoint(with: selector.tagsAny) {
            return "has none of the tags \(selector.tagsAny.joined(separator: ", "))"
        }
        let missing = selector.tagsAll.filter { !tags.contains($0) }
        if !missing.isEmpty {
            return "lacks the tags \(missing.joined(separator: ", "))"
        }
        let forbidden = selector.tagsNone.filter { tags.contains($0) }
        if !forbidden.isEmpty {
            return "has the excluded tags \(forbidden.joined(separator: ", "))"
        }
        return nil
    }
}

/// What a decision needs besides the policy and the subject: the time and the appointments.
public struct DecisionContext: Sendable {
    public var now: Date
    /// Each subject's appointments: who owns them and when they start.
    public var appointments: [SubjectID: [Meeting]]

    public init(now: Date = Date(timeIntervalSince1970: 0), appointments: [SubjectID: [Meeting]] = [:]) {
        self.now = now
        self.appointments = appointments
    }

    /// One appointment as a selector sees it.
    public struct Meeting: Sendable, Hashable {
        public var owner: String?
        public var start: Date

        public init(owner: String?, start: Date) {
            self.owner = owner
            self.start = start
        }
    }

    /// The context of `appointments`, linked to subjects through their attendees' emails.
    ///
    /// A repeating appointment counts with each occurrence within `window` of `now` (the
    /// longest `appointment-within` of the policy), walked by `expander`; a changed occurrence
    /// counts where it was moved to.
    public init(
        now: Date, appointments: [Appointment], contacts: [Contact], window: Period? = nil,
        expander: any OccurrenceExpanding = FirstOccurrenceOnly()
    ) {
        var byEmail: [String: [SubjectID]] = [:]
        for contact in contacts {
            for email in contact.emails {
                byEmail[email.matchKey, default: []].append(contact.id)
            }
        }
        let changed = Dictionary(grouping: appointments.filter { $0.recurrenceID != nil }) { $0.sourceUID }
        let series = Set(appointments.filter { $0.recurrenceID == nil && $0.rrule != nil }.map(\.sourceUID))
        var meetings: [SubjectID: [Meeting]] = [:]
        func add(_ appointment: Appointment, at start: Date) {
            for subject in Set(appointment.attendees.flatMap { byEmail[$0.lowercased()] ?? [] }) {
                meetings[subject, default: []].append(Meeting(owner: appointment.owner, start: start))
            }
        }
        for appointment in appointments {
            // Changed occurrences of a walked series come with the walk.
            if appointment.recurrenceID != nil, series.contains(appointment.sourceUID) { continue }
            guard appointment.rrule != nil, appointment.recurrenceID == nil, let window else {
                add(appointment, at: appointment.start.instant)
                continue
            }
            let occurrences = expander.occurrences(
                of: appointment, changed: changed[appointment.sourceUID] ?? [],
                from: now.addingTimeInterval(-window.seconds - 86_400), to: now.addingTimeInterval(window.seconds + 1))
            for occurrence in occurrences { add(occurrence.changed ?? appointment, at: occurrence.start.instant) }
        }
        self.init(now: now, appointments: meetings)
    }
}
