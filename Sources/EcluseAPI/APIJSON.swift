import EcluseHTTP
import Foundation

/// JSON in and out of the API: snake_case field names, ISO 8601 dates, sorted keys.
enum APIJSON {
    static func response(_ value: some Encodable, status: Int = 200) throws -> Response {
        response(encoded: try encode(value), status: status)
    }

    /// An answer whose body is JSON already encoded by `encode`.
    static func response(encoded body: [UInt8], status: Int = 200) -> Response {
        var response = Response.bytes(body, contentType: "application/json")
        response.status = status
        // Answers hold personal data: no shared cache keeps them.
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return Array(try encoder.encode(value))
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
