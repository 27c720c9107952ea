import EcluseCore
import EcluseHTTP
import EcluseLogging
import EcluseStore
import Foundation

/// What the API's handlers share: where the store is, the policy, the clock and the logger.
///
/// Each request borrows its own store connection from a small pool (`SQLiteStore` is not
/// `Sendable`), so the API answers from several threads at once.
public final class APIService: Sendable {
    let databasePath: String
    let policy: @Sendable () throws -> Policy
    let clock: any Clock
    let logger: Logger
    /// Where an uploaded import is written while it is read; it is removed at once.
    let scratchFolder: String
    private let stores: StorePool
    /// Contacts as last answered, reused while their stored text is unchanged.
    let contactAnswers = ContactAnswerCache()

    public init(
        databasePath: String, policy: @escaping @Sendable () throws -> Policy, clock: any Clock, logger: Logger,
        scratchFolder: String = NSTemporaryDirectory()
    ) {
        self.databasePath = databasePath
        self.policy = policy
        self.clock = clock
        self.logger = logger
        self.scratchFolder = scratchFolder
        stores = StorePool(path: databasePath)
    }

    deinit { stores.close() }

    /// Runs `body` with a store that no other request uses meanwhile.
    func withStore<T>(_ body: (SQLiteStore) throws -> T) throws -> T {
        try stores.withStore(body)
    }

    /// The caller behind the request's bearer token; throws the 401 when there is none.
    ///
    /// A malformed, unknown or revoked token, and a token whose account is gone, all get the
    /// same answer (RFC 6750 §3).
    func authenticate(_ request: Request) throws -> APICaller {
        guard let header = request.headers["Authorization"], header.count > 7,
            header.prefix(7).lowercased() == "bearer "
        else { throw APIProblems.unauthorized }
        let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        guard APITokenText.isWellFormed(token) else { throw APIProblems.unauthorized }
        return try withStore { store in
            guard let account = try store.accountOfActiveAPIToken(sha256: APITokenText.sha256(token)) else {
                throw APIProblems.unauthorized
            }
            return APICaller(login: account.login, role: account.role)
        }
    }
}

extension APIService {
    /// A service that is never called: the route table built for its descriptions alone.
    static let unused = APIService(
        databasePath: "/nonexistent/ecluse.sqlite", policy: { throw HTTPProblem.internalError },
        clock: SystemClock(), logger: Logger(label: "ecluse", level: .error, sink: .capturing()))
}
