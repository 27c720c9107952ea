import EcluseCore
import EcluseHTTP
import EcluseStore
import Foundation

/// `GET /api/v1/destinations`: where data may go, and whether each destination may receive
/// data now.
struct DestinationsEndpoint: Sendable {
    let service: APIService

    func list(_ request: Request, _ caller: APICaller) throws -> Response {
        let policy = try service.policy()
        let onFile = try service.withStore { try $0.attestations() }
        let now = service.clock.now()
        return try APIJSON.response(
            policy.destinations.map {
                DestinationJSON($0, eligibility: Eligibility(of: $0, attestations: onFile, at: now))
            })
    }

    static let listOperation = OpenAPIOperation(
        id: "listDestinations", summary: "The policy's destinations and whether each may receive data now",
        successSchema: "DestinationList")
}
