import EcluseCore
import EcluseHTTP

/// The table of the API's routes and the roles each allows: the one place to read who may do
/// what, and what the tests check every route against.
public enum APIRoutes {
    public static let prefix = "/api/v1"

    /// Every route, in the order the router tries them.
    public static func all(_ service: APIService) -> [APIRoute] {
        let contacts = ContactsEndpoint(service: service)
        let appointments = AppointmentsEndpoint(service: service)
        let imports = ImportEndpoint(service: service)
        let destinations = DestinationsEndpoint(service: service)
        let attestations = AttestationsEndpoint(service: service)
        let ledger = LedgerEndpoint(service: service)
        let explain = PolicyExplainEndpoint(service: service)
        let everyone: Set<Account.Role> = [.admin, .dpo, .sales]
        let overseers: Set<Account.Role> = [.admin, .dpo]
        return [
            APIRoute(
                "GET", "\(prefix)/contacts", roles: everyone, ContactsEndpoint.listOperation, handler: contacts.list),
            APIRoute(
                "GET", "\(prefix)/contacts/{id}", roles: everyone, ContactsEndpoint.oneOperation,
                handler: contacts.one),
            APIRoute(
                "GET", "\(prefix)/appointments", roles: everyone, AppointmentsEndpoint.operation,
                handler: appointments.list),
            APIRoute("POST", "\(prefix)/import", roles: [.admin], ImportEndpoint.operation, handler: imports.run),
            APIRoute(
                "GET", "\(prefix)/destinations", roles: overseers, DestinationsEndpoint.listOperation,
                handler: destinations.list),
            APIRoute(
                "GET", "\(prefix)/attestations", roles: [.admin], AttestationsEndpoint.listOperation,
                handler: attestations.list),
            APIRoute(
                "POST", "\(prefix)/attestations", roles: [.admin], AttestationsEndpoint.fileOperation,
                handler: attestations.file),
            APIRoute("GET", "\(prefix)/ledger", roles: overseers, LedgerEndpoint.listOperation, handler: ledger.list),
            APIRoute(
                "GET", "\(prefix)/ledger/verify", roles: overseers, LedgerEndpoint.verifyOperation,
                handler: ledger.verify),
            APIRoute(
                "GET", "\(prefix)/policy/explain", roles: overseers, PolicyExplainEndpoint.operation,
                handler: explain.explain),
            APIRoute("GET", "\(prefix)/openapi.json", roles: [], OpenAPIDocument.operation) { _, _ in
                try OpenAPIDocument.response()
            },
        ]
    }

    /// The routes as data alone, for the OpenAPI document and the tests.
    public static let described: [APIRoute] = all(APIService.unused)
}
