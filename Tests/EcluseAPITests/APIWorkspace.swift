import EcluseAPI
import EcluseConnectors
import EcluseCore
import EcluseCrypto
import EcluseHTTP
import EcluseLogging
import EcluseStore
import EcluseTesting
import Foundation

/// A store with invented people, one account and token per role, and the API served on a
/// free loopback port, for one test.
final class APIWorkspace {
    let folder = TemporaryFolder()
    let server: HTTPServer
    let log = LogSink.capturing()
    /// A bearer token by role: logins `ana` (admin), `dora` (dpo), `alice` and `bruno` (sales).
    private(set) var tokens: [String: String] = [:]

    static let policy = Policy(
        purposes: [Purpose(name: "directory", legalBasis: .contract)],
        destinations: [
            Destination(name: "team-folder", kind: .vdir, scope: .shared, attestations: ["eu-hosting"])
        ],
        rules: [
            Rule(
                purpose: "directory", destination: "team-folder",
                fields: FieldSet(["name", "email.work"].compactMap(FieldPath.init(parsing:))))
        ],
        version: "policy-v1")

    init(maximumBodySize: Int = 1 << 20) throws {
        let path = folder.file("ecluse.sqlite")
        let store = try SQLiteStore(path: path)
        defer { store.close() }
        let provenance = Provenance(source: "test", importedAt: Date())
        for number in 1...6 {
            try store.save(Invented.contact(number, owner: number <= 3 ? "alice" : "bruno"), provenance: provenance)
        }
        let meeting = Date(timeIntervalSince1970: 1_796_115_600)  // 2026-12-01 08:00 UTC
        for (id, owner) in [("a1", "alice"), ("b1", "bruno")] {
            try store.save(
                Appointment(
                    id: id, sourceUID: "crm-\(id)", summary: "Visit \(id)", location: "Lyon",
                    start: .dateTime(meeting, timeZone: "Europe/Paris"),
                    end: .dateTime(meeting.addingTimeInterval(3_600), timeZone: "Europe/Paris"),
                    attendees: ["person1@example.org"], owner: owner),
                provenance: provenance)
        }
        let hash = PasswordHash.make(password: "invented-password", cost: PasswordHash.Cost(logN: 4, r: 1, p: 1))
        for (login, role) in [("ana", Account.Role.admin), ("dora", .dpo), ("alice", .sales), ("bruno", .sales)] {
            try store.save(User(login: login))
            try store.add(Account(login: login, role: role, passwordHash: hash, createdAt: Date()))
            let token = APITokenText.generate()
            _ = try store.addAPIToken(login: login, name: "test", sha256: APITokenText.sha256(token), at: Date())
            tokens[login] = token
        }
        let service = APIService(
            databasePath: path, policy: { Self.policy }, clock: SystemClock(),
            logger: Logger(label: "api", level: .info, sink: log), scratchFolder: folder.path)
        var router = Router()
        router.addAPIRoutes(service)
        server = try HTTPServer(
            configuration: .init(
                address: ListenAddress(host: "127.0.0.1", port: 0), maximumBodySize: maximumBodySize),
            router: router, logger: Logger(label: "http", level: .info, sink: log))
    }

    deinit { server.stop() }

    /// Sends one request as `login` (no token when nil).
    @discardableResult
    func send(
        _ method: HTTPMethod, _ path: String, as login: String?, body: [UInt8]? = nil, contentType: String? = nil
    ) throws -> HTTPResponse {
        var headers: HTTPHeaders = [:]
        if let login, let token = tokens[login] { headers.add("Authorization", "Bearer \(token)") }
        if let contentType { headers.add("Content-Type", contentType) }
        return try HTTPClient(configuration: .init(timeout: .seconds(20))).send(
            HTTPRequest(method, url: "http://127.0.0.1:\(server.port)\(path)", headers: headers, body: body))
    }

    func json(_ response: HTTPResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(response.body))
    }
}

extension APIWorkspace {
    /// Revokes every token of `login`, as `ecluse token revoke` does.
    func revokeToken(of login: String) throws {
        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        defer { store.close() }
        for token in try store.apiTokens() where token.login == login {
            try store.revokeAPIToken(id: token.id, at: Date())
        }
    }
}

extension HTTPResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
}
