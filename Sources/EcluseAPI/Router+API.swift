import EcluseHTTP

extension Router {
    /// Adds every route of the JSON API under `/api/v1`: each checks the bearer token (401),
    /// then the caller's role (403), then runs.
    public mutating func addAPIRoutes(_ service: APIService) {
        for route in APIRoutes.all(service) {
            add(route.method, route.template) { request in
                guard !route.isPublic else {
                    return try route.handler(request, .anonymous)
                }
                let caller = try service.authenticate(request)
                guard route.roles.contains(caller.role) else { throw APIProblems.forbidden }
                return try route.handler(request, caller)
            }
        }
    }
}
