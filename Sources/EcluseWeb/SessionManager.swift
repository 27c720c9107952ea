import EcluseCore
import EcluseCrypto
import EcluseHTTP
import EcluseStore
import Foundation

/// Starts, finds and ends web sessions.
///
/// A session id is 256 random bits, sent to the browser in a cookie and stored only as its
/// SHA-256, so that a copy of the database opens no session. A session ends after
/// `idleTimeout` without a request, or `maximumAge` after login, whichever comes first.
struct SessionManager: Sendable {
    let store: StoreAccess
    let clock: any Clock
    let secureCookies: Bool
    var idleTimeout: TimeInterval = 30 * 60
    var maximumAge: TimeInterval = 12 * 3600

    /// Behind TLS the cookie takes the `__Host-` prefix, which browsers accept only when it is
    /// `Secure`, has `Path=/` and no `Domain` (RFC 6265bis §4.1.3.2).
    var cookieName: String { secureCookies ? "__Host-ecluse-session" : "ecluse-session" }

    /// Opens a session for `account`; returns it with the `Set-Cookie` value that carries it.
    func start(for account: Account) throws -> (Session, cookie: String) {
        let id = Hex.encode(SecureRandom.bytes(32))
        let now = clock.now()
        let stored = StoredSession(
            idHash: SHA256.hex(id), login: account.login, csrfToken: Hex.encode(SecureRandom.bytes(32)),
            createdAt: now, lastSeenAt: now)
        try store.use { store in
            try store.removeSessions(lastSeenBefore: now.addingTimeInterval(-idleTimeout))
            try store.add(stored)
        }
        let session = Session(
            login: account.login, role: account.role, csrfToken: stored.csrfToken, idHash: stored.idHash)
        return (session, Cookies.header(name: cookieName, value: id, secure: secureCookies))
    }

    /// The live session the request's cookie names, or nil; a live session's idle time
    /// starts again.
    func session(for request: Request) throws -> Session? {
        guard let id = Cookies.value(cookieName, in: request), id.utf8.count == 64, Hex.decode(id) != nil else {
            return nil
        }
        let idHash = SHA256.hex(id)
        let now = clock.now()
        return try store.use { store -> Session? in
            guard let stored = try store.session(idHash: idHash) else { return nil }
            let idle = now.timeIntervalSince(stored.lastSeenAt) > idleTimeout
            let old = now.timeIntervalSince(stored.createdAt) > maximumAge
            guard !idle, !old, let account = try store.account(login: stored.login) else {
                try store.removeSession(idHash: idHash)
                return nil
            }
            try store.touchSession(idHash: idHash, at: now)
            return Session(login: account.login, role: account.role, csrfToken: stored.csrfToken, idHash: idHash)
        }
    }

    /// Ends `session`; returns the `Set-Cookie` value that removes the cookie.
    func end(_ session: Session) throws -> String {
        try store.use { try $0.removeSession(idHash: session.idHash) }
        return Cookies.header(name: cookieName, value: "", secure: secureCookies, maxAge: 0)
    }
}
