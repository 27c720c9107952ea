import Foundation

/// Turns what a handler threw into the answer the client gets, the same way everywhere.
///
/// A known `HTTPProblem` keeps its status, title and detail. Anything else is a bare 500: its
/// text could hold personal data or internals, so it is neither shown nor logged, and the
/// request id is the only lead for the operator.
enum ProblemResponder {
    static func response(for error: any Error, path: String, requestID: String) -> Response {
        let problem = (error as? HTTPProblem) ?? .internalError
        return response(for: problem, path: path, requestID: requestID)
    }

    static func response(for problem: HTTPProblem, path: String, requestID: String) -> Response {
        var response =
            path.hasPrefix("/api/")
            ? Response.bytes(document(problem, requestID: requestID), contentType: "application/problem+json")
            : Response.text(plainText(problem, requestID: requestID))
        response.status = problem.status
        for field in problem.headers { response.headers.set(field.name, field.value) }
        return response
    }

    private static func plainText(_ problem: HTTPProblem, requestID: String) -> String {
        let detail = problem.detail.map { ": \($0)" } ?? ""
        return "\(problem.status) \(problem.title)\(detail)\nrequest id: \(requestID)\n"
    }

    /// The RFC 9457 members; `instance` names the request by its id, as a URN, so that a
    /// client can quote it to the operator.
    private struct Document: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String?
        var instance: String
    }

    private static func document(_ problem: HTTPProblem, requestID: String) -> [UInt8] {
        let document = Document(
            type: problem.type, title: problem.title, status: problem.status, detail: problem.detail,
            instance: "urn:ecluse:request:\(requestID)")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings and numbers cannot fail; the fallback keeps the answer well formed.
        let data = (try? encoder.encode(document)) ?? Data(#"{"status":\#(problem.status)}"#.utf8)
        return Array(data)
    }
}
