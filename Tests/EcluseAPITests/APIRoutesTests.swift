import EcluseAPI
import EcluseConnectors
import EcluseCore
import EcluseHTTP
import EcluseLogging
import EcluseTesting
import Foundation
import Testing

/// Who may call what: every route of the table against every role, and the answers without
/// a token or with a bad one.
@Suite(.serialized) struct APIRoutesTests {
    /// A request for each route with parameters that make it succeed for an allowed role.
    static func path(for route: APIRoute) -> String {
        switch route.template {
        case "/api/v1/contacts/{id}": return "/api/v1/contacts/subject-1"
        case "/api/v1/policy/explain": return "/api/v1/policy/explain?subject=crm-1"
        default: return route.template
        }
    }

    static func body(for route: APIRoute) -> (bytes: [UInt8], type: String)? {
        switch route.template {
        case "/api/v1/import": return (Array(Invented.vCard(42).utf8), "text/vcard")
        case "/api/v1/attestations":
            let json = """
                {"destination":"team-folder","kind":"eu-hosting","reference":"contract-7",
                 "document_sha256":"\(String(repeating: "ab", count: 32))","issuer":"Hoster SAS",
                 "expires_on":"2099-12-31"}
                """
            return (Array(json.utf8), "application/json")
        default: return nil
        }
    }

    @Test func everyRouteAnswersEachRoleAsTheTableSays() throws {
        let workspace = try APIWorkspace()
        let roles: [(login: String, role: Account.Role)] = [("ana", .admin), ("dora", .dpo), ("alice", .sales)]
        #expect(APIRoutes.described.count == 11)
        for route in APIRoutes.described {
            let body = Self.body(for: route)
            for (login, role) in roles {
                let response = try workspace.send(
                    HTTPMethod(route.method), Self.path(for: route), as: login, body: body?.bytes,
                    contentType: body?.type)
                let allowed = route.isPublic || route.roles.contains(role)
                #expect(
                    allowed ? (200...201).contains(response.status) : response.status == 403,
                    "\(route.method) \(route.template) as \(role): \(response.status)")
            }
        }
    }

    @Test func everyProtectedRouteRefusesAMissingOrUnknownTokenWith401() throws {
        let workspace = try APIWorkspace()
        for route in APIRoutes.described where !route.isPublic {
            for header in [nil, "Bearer " + String(repeating: "A", count: 43), "Bearer short", "Basic YW5hOng="] {
                var headers: HTTPHeaders = [:]
                if let header { headers.add("Authorization", header) }
                let response = try HTTPClient(configuration: .init(timeout: .seconds(20))).send(
                    HTTPRequest(
                        HTTPMethod(route.method), url: "http://127.0.0.1:\(workspace.server.port)\(route.template)",
                        headers: headers))
                #expect(response.status == 401, "\(route.method) \(route.template)")
                #expect(response.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
                #expect(response.headers["Content-Type"] == "application/problem+json")
            }
        }
    }

    @Test func theLogNamesRouteTemplatesNeverTokensIdsOrQueries() throws {
        let workspace = try APIWorkspace()
        try workspace.send(.get, "/api/v1/contacts/subject-1", as: "ana")
        try workspace.send(.get, "/api/v1/contacts?q=person2%40example.org", as: "alice")
        // The access log line is written once the answer is sent, after the client has it.
        let deadline = Date().addingTimeInterval(5)
        while workspace.log.captured.filter({ $0.contains("route=") }).count < 2, Date() < deadline {
            usleep(10_000)
        }
        let log = workspace.log.captured.joined(separator: "\n")
        #expect(log.contains("route=/api/v1/contacts/{id}"))
        for secret in workspace.tokens.values { #expect(!log.contains(secret)) }
        #expect(!log.contains("subject-1") && !log.contains("person2"))
    }

    @Test func aRevokedTokenIsRefused() throws {
        let workspace = try APIWorkspace()
        #expect(try workspace.send(.get, "/api/v1/contacts", as: "ana").status == 200)
        try workspace.revokeToken(of: "ana")
        #expect(try workspace.send(.get, "/api/v1/contacts", as: "ana").status == 401)
    }

    @Test func theOpenAPIDocumentDescribesEveryRouteWithTheBearerScheme() throws {
        let workspace = try APIWorkspace()
        let response = try workspace.send(.get, "/api/v1/openapi.json", as: nil)
        #expect(response.status == 200)
        let document = try #require(try workspace.json(response) as? [String: Any])
        #expect(document["openapi"] as? String == "3.0.3")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        for route in APIRoutes.described {
            let path = String(route.template.dropFirst("/api/v1".count))
            let operation = try #require(paths[path]?[route.method.lowercased()] as? [String: Any], "\(path)")
            let responses = try #require(operation["responses"] as? [String: Any])
            #expect(responses["500"] != nil)
            if !route.isPublic { #expect(responses["401"] != nil && responses["403"] != nil) }
        }
        let components = try #require(document["components"] as? [String: Any])
        let schemes = try #require(components["securitySchemes"] as? [String: [String: String]])
        #expect(schemes["bearer"]?["scheme"] == "bearer")
    }
}
