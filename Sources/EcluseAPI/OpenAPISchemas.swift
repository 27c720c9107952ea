/// The schemas of the OpenAPI document: every answer's shape, field by field.
enum OpenAPISchemas {
    static let string: JSONValue = ["type": "string"]
    static let integer: JSONValue = ["type": "integer"]
    static let boolean: JSONValue = ["type": "boolean"]
    static let strings: JSONValue = ["type": "array", "items": string]

    static func object(_ properties: [String: JSONValue], required: [String]) -> JSONValue {
        ["type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) })]
    }

    static func array(of name: String) -> JSONValue {
        ["type": "array", "items": ["$ref": .string("#/components/schemas/\(name)")]]
    }

    static func page(of name: String) -> JSONValue {
        object(
            ["items": array(of: name), "total": integer, "limit": integer, "offset": integer],
            required: ["items", "total", "limit", "offset"])
    }

    static let point = object(
        ["value": string, "kinds": strings, "preferred": boolean], required: ["value", "kinds", "preferred"])

    static let all: [String: JSONValue] = [
        "Problem": object(
            ["type": string, "title": string, "status": integer, "detail": string, "instance": string],
            required: ["type", "title", "status"]),
        "Contact": object(
            [
                "id": string, "display_name": string, "given_name": string, "family_name": string,
                "organisation": string, "title": string, "emails": ["type": "array", "items": point],
                "phones": ["type": "array", "items": point], "tags": strings, "owner": string,
            ],
            required: ["id", "display_name", "emails", "phones", "tags"]),
        "ContactPage": page(of: "Contact"),
        "Occurrence": object(
            [
                "uid": string, "summary": string, "start": ["type": "string", "format": "date-time"],
                "end": ["type": "string", "format": "date-time"], "all_day": boolean, "time_zone": string,
                "owner": string, "contacts": integer, "repeating": boolean,
            ],
            required: ["uid", "summary", "start", "end", "all_day", "contacts", "repeating"]),
        "OccurrencePage": page(of: "Occurrence"),
        "ImportProblem": object(["line": integer, "message": string], required: ["line", "message"]),
        "ImportSummary": object(
            [
                "format": string, "created": integer, "updated": integer, "unchanged": integer, "skipped": integer,
                "refused": boolean, "warnings": array(of: "ImportProblem"), "errors": array(of: "ImportProblem"),
            ],
            required: ["created", "updated", "unchanged", "skipped", "refused", "warnings", "errors"]),
        "Destination": object(
            [
                "name": string, "kind": string, "scope": ["type": "string", "enum": ["shared", "per-user"]],
                "residency": ["type": "string", "enum": ["eu", "own-risk"]], "residency_note": string,
                "required_attestations": strings, "eligible": boolean, "reason": string,
            ],
            required: ["name", "kind", "scope", "residency", "required_attestations", "eligible"]),
        "DestinationList": array(of: "Destination"),
        "Attestation": object(
            [
                "destination": string, "kind": string, "reference": string, "document_sha256": string,
                "issuer": string, "expires_on": ["type": "string", "format": "date"], "valid": boolean,
            ],
            required: ["destination", "kind", "reference", "document_sha256", "issuer", "expires_on", "valid"]),
        "AttestationInput": object(
            [
                "destination": string, "kind": string, "reference": string,
                "document_sha256": ["type": "string", "pattern": "^[0-9a-fA-F]{64}$"], "issuer": string,
                "expires_on": ["type": "string", "format": "date"],
            ],
            required: ["destination", "kind", "reference", "document_sha256", "issuer", "expires_on"]),
        "AttestationList": object(
            [
                "attestations": array(of: "Attestation"),
                "destinations": [
                    "type": "array",
                    "items": object(
                        ["destination": string, "eligible": boolean, "reason": string],
                        required: ["destination", "eligible"]),
                ],
            ],
            required: ["attestations", "destinations"]),
        "LedgerEntry": object(
            [
                "sequence": integer, "recorded_at": ["type": "string", "format": "date-time"], "action": string,
                "destination": string, "collection_user": string, "subject": string, "copy_uid": string,
                "content_hash": string, "fields": strings, "policy_version": string, "previous_hash": string,
                "hash": string,
            ],
            required: ["sequence", "recorded_at", "action", "destination", "subject", "fields", "hash"]),
        "LedgerPage": object(["items": array(of: "LedgerEntry"), "next_after": integer], required: ["items"]),
        "LedgerVerification": object(
            [
                "status": ["type": "string", "enum": ["intact", "broken"]], "entries": integer, "head": string,
                "entry": integer, "reason": string,
            ],
            required: ["status"]),
        "Explanation": object(
            [
                "subject": string, "collection": string, "selected": boolean, "rules": strings, "fields": strings,
                "reasons": strings,
            ],
            required: ["subject", "collection", "selected", "rules", "fields", "reasons"]),
        "ExplanationList": array(of: "Explanation"),
        "OpenAPI": object(["openapi": string, "paths": ["type": "object"]], required: ["openapi", "paths"]),
    ]
}
