import EcluseConnectors
import EcluseCore
import EcluseLedger
import EcluseLogging
import EcluseStore
import EcluseWeb
import Foundation
import Testing

@Suite("The web app's gate: roles, sessions, form tokens, throttling, what leaks")
struct WebSecurityTests {
    private static let loginOf: [Account.Role: String] = [.sales: "alice", .dpo: "dana", .admin: "adam"]

    /// A path for a route template, with alice's first contact as `{id}`.
    private static func path(_ template: String) -> String {
        template.replacingOccurrences(of: "{id}", with: "subject-1")
    }

    @Test func everyRouteRefusesTheRolesItDoesNotAdmit() throws {
        let fixture = try WebFixture()
        var checked = 0
        for role in Account.Role.allCases {
            let client = try fixture.loggedIn(try #require(Self.loginOf[role]))
            for route in WebApp.routes {
                guard case .roles(let roles) = route.access, !roles.contains(role), route.template != "/logout"
                else { continue }
                let response =
                    route.method == "GET"
                    ? try client.get(Self.path(route.template))
                    : try client.post(Self.path(route.template), [("purpose", "phone-download/calls-on-the-road")])
                #expect(response.status == 403, "\(route.method) \(route.template) as \(role)")
                checked += 1
            }
        }
        #expect(checked >= 10)
    }

    @Test func withoutASessionPagesGoToLoginAndActionsAreRefused() throws {
        let fixture = try WebFixture()
        let client = fixture.client()
        for route in WebApp.routes {
            guard case .roles = route.access else { continue }
            if route.method == "GET" {
                let response = try client.get(Self.path(route.template))
                #expect(response.status == 303, "GET \(route.template)")
                #expect(response.headers["Location"] == "/login")
            } else {
                let response = try client.post(Self.path(route.template), csrf: "0")
                #expect(response.status == 403, "POST \(route.template)")
            }
        }
    }

    @Test func aPostWithoutTheFormTokenIsRefused() throws {
        let fixture = try WebFixture()
        let alice = try fixture.loggedIn("alice")
        try alice.get("/contacts/subject-1")

        let missing = try alice.post("/contacts/subject-1/calls", withToken: false)
        let wrong = try alice.post("/contacts/subject-1/calls", csrf: String(repeating: "0", count: 64))
        let right = try alice.post("/contacts/subject-1/calls")

        #expect(missing.status == 403)
        #expect(wrong.status == 403)
        #expect(right.status == 303)
        let calls = try fixture.withStore { try $0.calls(to: SubjectID("subject-1"), limit: 10) }
        #expect(calls.count == 1)
    }

    @Test func theLoginFormNeedsItsOwnToken() throws {
        let fixture = try WebFixture()
        let client = fixture.client()

        let response = try client.post(
            "/login", [("login", "alice"), ("password", WebFixture.password)], csrf: "abc")

        #expect(response.status == 403)
        #expect(client.sessionCookie == nil)
    }

    @Test func fiveFailedLoginsThenTooManyRequestsEvenWithTheRightPassword() throws {
        let fixture = try WebFixture()
        let client = fixture.client()
        for _ in 1...5 {
            #expect(try client.logIn("alice", password: "wrong password!").status == 401)
        }

        let refused = try client.logIn("alice", password: WebFixture.password)

        #expect(refused.status == 429)
        #expect(Int(refused.headers["Retry-After"] ?? "") ?? 0 > 0)
        #expect(client.sessionCookie == nil)
    }

    @Test func theSessionCookieIsHttpOnlyAndSameSiteAndLogoutEndsIt() throws {
        let fixture = try WebFixture()
        let client = fixture.client()
        try client.get("/login")
        let login = try client.post("/login", [("login", "alice"), ("password", WebFixture.password)])
        let cookie = try #require(login.headers.values("Set-Cookie").first { $0.hasPrefix("ecluse-session=") })
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
        #expect(!cookie.contains("Secure"), "no Secure without --behind-tls")
        let stolen = try #require(client.sessionCookie)

        try client.get("/contacts")
        let out = try client.post("/logout")
        let replay = WebClient(baseURL: fixture.baseURL)
        try replay.get("/login")
        let replayed = try HTTPClient().send(
            HTTPRequest(.get, url: fixture.baseURL + "/contacts", headers: ["Cookie": "\(stolen.name)=\(stolen.value)"])
        )

        #expect(out.status == 303)
        #expect(replayed.status == 303, "a logged-out session must not open pages")
    }

    @Test func anotherSalespersonsContactAndAnUnselectedOneAreNotFound() throws {
        let fixture = try WebFixture()
        let alice = try fixture.loggedIn("alice")
        try alice.get("/contacts/subject-1")
        let token = try #require(alice.csrf)
        let purpose = [("purpose", "phone-download/calls-on-the-road")]

        let brunos = try alice.get("/contacts/subject-6")
        let supplier = try alice.get("/contacts/subject-9")
        let unknown = try alice.get("/contacts/nobody")
        let download = try alice.post("/contacts/subject-6/vcard", purpose, csrf: token)

        for response in [brunos, supplier, unknown, download] {
            #expect(response.status == 404)
            #expect(!response.text.contains("example.org"))
            #expect(!response.text.contains("Exemple"))
        }
        let entries = try fixture.withStore { try $0.ledgerEntries(after: 0, limit: 100) }
        #expect(entries.isEmpty)
    }

    @Test func theLogCarriesNoPersonalDataAndErrorsNoStackTrace() throws {
        let fixture = try WebFixture()
        let alice = try fixture.loggedIn("alice")
        try alice.get("/contacts?q=Ana")
        try alice.get("/contacts/subject-1")
        try alice.post("/contacts/subject-1/vcard", [("purpose", "phone-download/calls-on-the-road")])
        try fixture.client().logIn("alice", password: "wrong password!")
        let bad = try alice.get("/contacts/%ff%fe")

        let log = fixture.log.captured.joined(separator: "\n")
        #expect(!log.contains("example.org"))
        #expect(!log.contains("+33"))
        #expect(!log.contains("Ana"))
        #expect(!log.contains("alice"))
        #expect(!log.contains("subject-1"))
        #expect(!bad.text.contains("Swift/"))
        #expect(!bad.text.contains("Fatal"))
    }

    @Test func aSessionEndsAfterThirtyMinutesIdleButNotWhileInUse() throws {
        let fixture = try WebFixture()
        let alice = try fixture.loggedIn("alice")

        fixture.clock.advance(by: 25 * 60)
        let used = try alice.get("/contacts")
        fixture.clock.advance(by: 25 * 60)
        let stillThere = try alice.get("/contacts")
        fixture.clock.advance(by: 31 * 60)
        let expired = try alice.get("/contacts")

        #expect(used.status == 200)
        #expect(stillThere.status == 200)
        #expect(expired.status == 303)
        #expect(expired.headers["Location"] == "/login")
    }

    @Test func behindTLSTheCookieIsSecureWithTheHostPrefix() throws {
        let fixture = try WebFixture(behindTLS: true)
        let client = fixture.client()
        try client.get("/login")

        let login = try client.post("/login", [("login", "alice"), ("password", WebFixture.password)])

        let cookie = try #require(login.headers.values("Set-Cookie").first { $0.hasPrefix("__Host-ecluse-session=") })
        #expect(cookie.contains("; Secure"))
        #expect(try client.get("/contacts").status == 200)
    }

    @Test func behindTLSTheThrottleCountsEachClientTheFrontNames() throws {
        let fixture = try WebFixture(behindTLS: true)
        func attempt(_ login: String, _ password: String, from address: String) throws -> Int {
            let client = fixture.client()
            client.extraHeaders = ["X-Real-IP": address]
            return try client.logIn(login, password: password).status
        }
        for _ in 1...5 { _ = try attempt("nobody", "wrong password!", from: "192.0.2.1") }

        #expect(try attempt("alice", WebFixture.password, from: "192.0.2.1") == 429)
        #expect(try attempt("alice", WebFixture.password, from: "192.0.2.2") == 303)
        #expect(try attempt("nobody", "wrong password!", from: "192.0.2.3") == 429, "the login is throttled too")
    }
}
