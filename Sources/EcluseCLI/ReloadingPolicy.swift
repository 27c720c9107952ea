import EcluseCore
import EcluseFormats
import EcluseLogging
import EcluseWeb
import Foundation
import Synchronization

/// The data folder's policy for a long-running server: read again when the file's size or
/// modification time changes, and kept as it was when the new text does not load (the error
/// is logged), so a half-saved edit never stops the service.
final class ReloadingPolicy: Sendable {
    private struct Loaded {
        var snapshot: PolicySnapshot
        var stamp: String
    }

    private let path: String
    private let loaded = Mutex<Loaded?>(nil)
    private let logger: Logger

    init(context: CommandContext) {
        self.path = context.defaultPolicyPath
        self.logger = context.logger
    }

    func current() throws -> Policy { try snapshot().policy }

    /// The policy with its text, as the web app shows and records it.
    func snapshot() throws -> PolicySnapshot {
        let stamp = Self.stamp(of: path)
        if let kept = loaded.withLock({ $0 }), kept.stamp == stamp { return kept.snapshot }
        do {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("cannot read the policy file \(path)", fix: "check that the data folder has policy.yaml")
            }
            let policy = try PolicyLoader().load(Array(data), file: path)
            let snapshot = PolicySnapshot(policy: policy, text: String(decoding: data, as: UTF8.self))
            loaded.withLock { $0 = Loaded(snapshot: snapshot, stamp: stamp) }
            return snapshot
        } catch {
            guard let kept = loaded.withLock({ $0 }) else { throw error }
            logger.error(
                "the changed policy does not load; the previous one stays in force",
                metadata: ["error": .plain("\(error)")])
            return kept.snapshot
        }
    }

    private static func stamp(of path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "" }
        return "\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
