/// How one route is described in the OpenAPI document.
struct OpenAPIOperation: Sendable {
    /// One query or path parameter.
    struct Parameter: Sendable {
        var name: String
        var location: String
        var required: Bool
        var description: String
        var schema: JSONValue

        static func query(_ name: String, _ description: String, _ schema: JSONValue, required: Bool = false) -> Self {
            Parameter(name: name, location: "query", required: required, description: description, schema: schema)
        }

        static func path(_ name: String, _ description: String) -> Self {
            Parameter(
                name: name, location: "path", required: true, description: description, schema: ["type": "string"])
        }

        /// The same parameter with another default value.
        func merging(default value: Int) -> Self {
            var copy = self
            copy.schema = schema.merging(["default": .integer(value)])
            return copy
        }
    }

    var id: String
    var summary: String
    var parameters: [Parameter] = []
    /// The request body's schema by media type, when the route takes one.
    var requestBody: [String: JSONValue]? = nil
    var successStatus = 200
    /// A reference to the success answer's schema (`#/components/schemas/…`).
    var successSchema: String
    /// The error statuses the route can answer besides 401, 403 and 500, which every
    /// protected route can.
    var errors: [Int] = []
    /// Error statuses whose answer may also be a JSON body of a schema of its own (a refused
    /// import is a 422 with its summary), by status.
    var jsonErrorSchemas: [Int: String] = [:]

    static let limit = Parameter.query(
        "limit", "at most this many items (1–500)", ["type": "integer", "minimum": 1, "maximum": 500, "default": 50])
    static let offset = Parameter.query(
        "offset", "skip this many items first",
        ["type": "integer", "minimum": 0, "maximum": 2_147_483_647, "default": 0])
}
