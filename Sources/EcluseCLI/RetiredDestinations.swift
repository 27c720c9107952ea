import EcluseCore
import EcluseFormats
import EcluseStore

/// The destinations that earlier policy versions named and the current one does not.
///
/// Copies left at such a destination must go (no rule allows them any more), and reaching
/// them needs the settings the destination had: the store keeps every policy version used, so
/// the newest version that named the destination provides them.
enum RetiredDestinations {
    static func find(in store: any Store, current: Policy) throws -> [Destination] {
        var found: [String: Destination] = [:]
        for text in try store.policyVersionTexts() {
            // A version that no longer loads (written for an older Ecluse) cannot help; skip it.
            guard let policy = try? PolicyLoader().load(Array(text.utf8), file: "stored policy version") else {
                continue
            }
            for destination in policy.destinations
            where current.destination(named: destination.name) == nil && found[destination.name] == nil {
                found[destination.name] = destination
            }
        }
        return found.values.sorted { $0.name < $1.name }
    }
}
