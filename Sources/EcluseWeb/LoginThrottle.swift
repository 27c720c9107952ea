import Foundation
import Synchronization

/// Refuses logins after repeated failures, per login and per client address.
///
/// After `limit` failed attempts within `window` for a login, or from a client address, both
/// are refused until the oldest of those failures leaves the window. Kept in memory: a
/// restart forgets it, and several processes do not share it (known gap, docs/known-gaps.md).
final class LoginThrottle: Sendable {
    let limit: Int
    let window: TimeInterval
    private let failures = Mutex<[String: [Date]]>([:])

    init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// When the attempt may be made again, or nil when it may be made now.
    func refusedUntil(login: String, client: String, at now: Date) -> Date? {
        failures.withLock { table in
            let keys = [Self.key(login: login), Self.key(client: client)]
            let until = keys.compactMap { key -> Date? in
                let recent = (table[key] ?? []).filter { now.timeIntervalSince($0) < window }
                table[key] = recent.isEmpty ? nil : recent
                guard recent.count >= limit else { return nil }
                return recent[recent.count - limit].addingTimeInterval(window)
            }
            return until.max()
        }
    }

    func recordFailure(login: String, client: String, at now: Date) {
        failures.withLock { table in
            // Forget what left the window once the table grows, so that attempts with ever
            // new logins or addresses cannot fill the memory.
            if table.count > Self.pruneAbove {
                table = table.compactMapValues { dates in
                    let recent = dates.filter { now.timeIntervalSince($0) < window }
                    return recent.isEmpty ? nil : recent
                }
            }
            table[Self.key(login: login), default: []].append(now)
            table[Self.key(client: client), default: []].append(now)
        }
    }

    /// A successful login forgets the login's failures (not the client's).
    func recordSuccess(login: String) {
        failures.withLock { table in table[Self.key(login: login)] = nil }
    }

    private static let pruneAbove = 10_000

    private static func key(login: String) -> String { "login:" + login.lowercased() }
    private static func key(client: String) -> String { "client:" + client }
}
