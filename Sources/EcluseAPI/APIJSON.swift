import EcluseHTTP
import Foundation

/// JSON in and out of the API: snake_case field names, ISO 8601 dates, sorted keys.
enum APIJSON {
    static func response(_ value: some Encodable, status: Int = 200) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        var response = Response.bytes(Array(try encoder.encode(value)), contentType: "application/json")
        response.status = status
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// The request body decoded as `type`; a 400 that names no value when it does not fit.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request) throws -> T {
        let contentType = request.headers["Content-Type"]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") else {
            throw HTTPProblem(415, detail: "send the body as application/json")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do { return try decoder.decode(type, from: Data(request.body)) } catch {
            throw HTTPProblem(400, detail: "the body is not a JSON object of the documented shape")
        }
    }
}
