import EcluseCore
import EcluseStore
import Foundation
import Synchronization

/// A policy with the text it was read from, so the store can keep the version the ledger
/// names.
public struct PolicySnapshot: Sendable {
    public var policy: Policy
    public var text: String

    public init(policy: Policy, text: String) {
        self.policy = policy
        self.text = text
    }
}

/// Where the web app reads the policy at each request, so that a server reading its file
/// again on change applies the new one to the next page.
///
/// The first time a version is seen its text is kept in the store: every ledger entry names
/// a version whose text can be shown.
final class PolicySource: Sendable {
    private let read: @Sendable () throws -> PolicySnapshot
    private let recordedVersion = Mutex<String?>(nil)

    init(_ read: @escaping @Sendable () throws -> PolicySnapshot) {
        self.read = read
    }

    /// The policy in force, its text recorded in `store` when its version is new.
    func current(recordingIn store: StoreAccess, at date: Date) throws -> Policy {
        let snapshot = try read()
        let version = snapshot.policy.version
        guard recordedVersion.withLock({ $0 }) != version else { return snapshot.policy }
        try store.use { try $0.recordPolicyVersion(version, text: snapshot.text, at: date) }
        recordedVersion.withLock { $0 = version }
        return snapshot.policy
    }
}
