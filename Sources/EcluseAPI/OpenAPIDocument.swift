import EcluseHTTP
import Foundation

/// `GET /api/v1/openapi.json`: an OpenAPI 3.0.3 document of every route, built from the route
/// table so that no route goes undescribed.
enum OpenAPIDocument {
    static let operation = OpenAPIOperation(
        id: "getOpenAPI", summary: "This API's OpenAPI document (no token needed)", successSchema: "OpenAPI")

    static func response() throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return .bytes(Array(try encoder.encode(document)), contentType: "application/json")
    }

    static let document: JSONValue = {
        var paths: [String: JSONValue] = [:]
        for route in APIRoutes.described {
            let path = String(route.template.dropFirst(APIRoutes.prefix.count))
            let entry = paths[path] ?? [:]
            paths[path] = entry.merging([route.method.lowercased(): describe(route)])
        }
        return [
            "openapi": "3.0.3",
            "info": [
                "title": "Ecluse API", "version": "1",
                "description": "CRM contacts and appointments under a GDPR policy. See docs/api.md.",
            ],
            "servers": [["url": .string(APIRoutes.prefix)]],
            "security": [["bearer": []]],
            "paths": .object(paths),
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": .object(OpenAPISchemas.all),
            ],
        ]
    }()

    private static func reference(_ schema: String) -> JSONValue {
        ["schema": ["$ref": .string("#/components/schemas/\(schema)")]]
    }

    private static func describe(_ route: APIRoute) -> JSONValue {
        let operation = route.operation
        var responses: [String: JSONValue] = [
            "\(operation.successStatus)": [
                "description": "success",
                "content": [
                    "application/json": ["schema": ["$ref": .string("#/components/schemas/\(operation.successSchema)")]]
                ],
            ]
        ]
        var errors = operation.errors + [500]
        if !route.isPublic { errors += [401, 403] }
        if route.method == "POST" { errors.append(413) }
        for status in Set(errors) {
            var content: [String: JSONValue] = ["application/problem+json": reference("Problem")]
            if let schema = operation.jsonErrorSchemas[status] { content["application/json"] = reference(schema) }
            responses["\(status)"] = ["description": .string(HTTPProblem(status).title), "content": .object(content)]
        }
        var described: JSONValue = [
            "operationId": .string(operation.id),
            "summary": .string(operation.summary),
            "description": .string(
                route.isPublic ? "public" : "roles: " + route.roles.map(\.rawValue).sorted().joined(separator: ", ")),
            "parameters": .array(
                operation.parameters.map { parameter in
                    [
                        "name": .string(parameter.name), "in": .string(parameter.location),
                        "required": .bool(parameter.required), "description": .string(parameter.description),
                        "schema": parameter.schema,
                    ]
                }),
            "responses": .object(responses),
        ]
        if route.isPublic { described = described.merging(["security": []]) }
        if let body = operation.requestBody {
            described = described.merging([
                "requestBody": [
                    "required": true,
                    "content": .object(body.mapValues { ["schema": $0] }),
                ]
            ])
        }
        return described
    }
}
