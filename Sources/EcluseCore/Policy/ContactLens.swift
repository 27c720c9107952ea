import EcluseCore
import Foundation

/// What a salesperson may see of a contact, and take away, under the policy's `download`
/// destinations: in the web app and through the JSON API alike.
///
/// A user sees only their own contacts (the CRM owner is their login). With download
/// destinations, a contact is shown only when one of their rules selects it for this user,
/// and only with the fields those rules allow; without one, the name and organisation are
/// shown and nothing can be taken. A subject who withdrew consent or objected is never shown.
public struct ContactLens: Sendable {
    public let policy: Policy

    public init(policy: Policy) { self.policy = policy }

    /// One way a contact may leave by download: a destination and a purpose, with the fields
    /// the purpose's matching rules allow there.
    public struct Permit: Sendable {
        public var destination: Destination
        public var purpose: Purpose
        public var fields: FieldSet

        /// How a form names it: `destination/purpose`.
        public var key: String { "\(destination.name)/\(purpose.name)" }
    }

    /// A contact as one user may see it.
    public struct View: Sendable {
        /// The contact minimised to what may be shown.
        public var contact: Contact
        /// The ways it may leave; empty when the policy has no download destination.
        public var permits: [Permit]
    }

    public var downloadDestinations: [Destination] { policy.destinations.filter { $0.kind == .download } }

    /// Shown when the policy has no download destination.
    public static let fallbackFields = FieldSet([FieldPath(.name), FieldPath(.organisation)])

    /// Whether a download rule selects by appointments, so that deciding needs them.
    public var needsAppointments: Bool {
        downloadDestinations.contains { destination in
            policy.rules(for: destination.name).contains { $0.subjects.appointmentWithin != nil }
        }
    }

    /// The view of `contact` for `login`, or nil when the user may not see it at all.
    ///
    /// `context` holds the time and, when `needsAppointments`, the user's appointments.
    public func view(of contact: Contact, for login: String, in context: DecisionContext) -> View? {
        guard contact.owner == login else { return nil }
        // Consent is decided before any rule: a subject who withdrew it or objected is never
        // shown, with or without a download destination.
        guard contact.consent != .withdrawn, contact.consent != .objected else { return nil }
        guard !downloadDestinations.isEmpty else {
            return View(contact: contact.minimised(to: Self.fallbackFields), permits: [])
        }
        let permits = self.permits(for: contact, login: login, in: context)
        guard !permits.isEmpty else { return nil }
        let fields = permits.reduce(FieldSet.none) { $0.union($1.fields) }
        return View(contact: contact.minimised(to: fields), permits: permits)
    }

    /// Every (destination, purpose) whose rules select `contact` for `login`, in policy order.
    private func permits(for contact: Contact, login: String, in context: DecisionContext) -> [Permit] {
        var permits: [Permit] = []
        let decider = Decider(policy: policy)
        for destination in downloadDestinations {
            let decision = decider.decide(contact, at: destination, for: login, in: context)
            for rule in decision.matchedRules {
                guard let purpose = policy.purpose(named: rule.purpose) else { continue }
                if let index = permits.firstIndex(where: {
                    $0.destination.name == destination.name && $0.purpose.name == purpose.name
                }) {
                    permits[index].fields = permits[index].fields.union(rule.fields)
                } else {
                    permits.append(Permit(destination: destination, purpose: purpose, fields: rule.fields))
                }
            }
        }
        return permits
    }
}
