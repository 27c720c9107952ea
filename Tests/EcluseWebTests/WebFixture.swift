import EcluseConnectors
import EcluseCore
import EcluseCrypto
import EcluseFormats
import EcluseHTTP
import EcluseLogging
import EcluseStore
import EcluseTesting
import EcluseWeb
import Foundation
import Synchronization

/// A data folder with invented people and accounts, and the web app served on 127.0.0.1 on a
/// port the system picks, for one test.
///
/// alice and bruno are salespeople: alice owns contacts 1–5 (customers) and 9 (a supplier the
/// policy does not let out); bruno owns 6–8. dana is the DPO and adam the administrator.
final class WebFixture {
    static let password = "correct horse battery"
    static let policy = """
        controller: { name: Exemple SARL, dpo: dpo@example.org }
        purposes:
          calls-on-the-road:
            legal-basis: legitimate-interest
            description: Call the customers I own from the road
        destinations:
          phone-download:
            kind: download
            scope: per-user
            residency: eu
          agenda-feed:
            kind: ics-feed
            scope: per-user
            residency: eu
        rules:
          - purpose: calls-on-the-road
            to: agenda-feed
            appointment-details: [name, phone.mobile]
          - purpose: calls-on-the-road
            to: phone-download
            subjects: { owner: self, tags-any: [customer] }
            fields: [name, organisation, phone.work, phone.mobile, email.work]
        device-preamble:
          conditions: [encrypted-storage, screen-lock]
          valid-for: 180d

        """

    let folder = TemporaryFolder("ecluse-web")
    let log = LogSink.capturing()
    let server: HTTPServer
    let app: WebApp

    var databasePath: String { folder.file("ecluse.sqlite") }

    let clock: MovableClock
    /// The policy the web app reads at each request; `use(policy:)` changes it.
    private let current: PolicyBox

    init(policy: String = WebFixture.policy, attestPhones: Bool = true, behindTLS: Bool = false) throws {
        clock = MovableClock()
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        let now = clock.now()
        // A cheap scrypt cost: the tests log in many times; the cost does not change the logic.
        let cost = PasswordHash.Cost(logN: 10, r: 8, p: 1)
        let accounts: [(String, Account.Role)] = [
            ("alice", .sales), ("bruno", .sales), ("dana", .dpo), ("adam", .admin),
        ]
        for (login, role) in accounts {
            try store.save(User(login: login))
            try store.add(
                Account(
                    login: login, role: role, passwordHash: PasswordHash.make(password: Self.password, cost: cost),
                    createdAt: now))
        }
        let provenance = Provenance(source: "invented.vcf", importedAt: now)
        for number in 1...5 { try store.save(Invented.contact(number, owner: "alice"), provenance: provenance) }
        for number in 6...8 { try store.save(Invented.contact(number, owner: "bruno"), provenance: provenance) }
        try store.save(Invented.contact(9, owner: "alice", tags: ["supplier"]), provenance: provenance)
        if attestPhones {
            for login in ["alice", "bruno"] {
                try store.add(
                    DeviceAttestation(
                        user: login, conditions: ["encrypted-storage", "screen-lock"], device: "Test phone",
                        attestedAt: now.addingTimeInterval(-60)))
            }
        }
        store.close()

        let current = PolicyBox(try Self.snapshot(policy))
        self.current = current
        app = try WebApp(
            configuration: .init(
                storePath: folder.file("ecluse.sqlite"), policy: { current.snapshot }, behindTLS: behindTLS,
                clock: clock),
            logger: Logger(label: "web", level: .debug, sink: log))
        var router = Router()
        app.addRoutes(to: &router)
        server = try HTTPServer(
            configuration: .init(address: ListenAddress(host: "127.0.0.1", port: 0)), router: router,
            logger: Logger(label: "http", level: .info, sink: log))
    }

    deinit {
        server.stop()
        app.close()
    }

    /// Puts another policy in force, as a server that reloads its policy file would.
    func use(policy text: String) throws {
        let snapshot = try Self.snapshot(text)
        current.snapshot = snapshot
    }

    private static func snapshot(_ text: String) throws -> PolicySnapshot {
        PolicySnapshot(policy: try PolicyLoader().load(Array(text.utf8), file: "policy.yaml"), text: text)
    }

    var baseURL: String { "http://127.0.0.1:\(server.port)" }

    /// A browser-like client with its own cookies.
    func client() -> WebClient { WebClient(baseURL: baseURL) }

    /// A client logged in as `login`.
    func loggedIn(_ login: String) throws -> WebClient {
        let client = client()
        let response = try client.logIn(login, password: Self.password)
        guard response.status == 303 else { throw WebClient.Failure("login as \(login) answered \(response.status)") }
        return client
    }

    /// Opens the fixture's store, for checks on what the web app recorded.
    func withStore<T>(_ body: (SQLiteStore) throws -> T) throws -> T {
        let store = try SQLiteStore(path: databasePath)
        defer { store.close() }
        return try body(store)
    }
}

/// The policy a fixture's web app reads, changed by the test while the server runs.
private final class PolicyBox: Sendable {
    private let value: Mutex<PolicySnapshot>

    init(_ snapshot: PolicySnapshot) { value = Mutex(snapshot) }

    var snapshot: PolicySnapshot {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
