import CMicroHTTPD
import Synchronization

/// The functions libmicrohttpd calls, as plain functions of their C arguments.
///
/// The access handler runs several times per request (RFC 9112 framing is the library's):
/// 1. first call: headers are in; the request's state is made and kept in the connection's
///    context pointer. Nothing is answered yet, unless the declared body is already too large:
///    an answer queued on the first call makes the library close the connection, which is only
///    right when the body will not be read.
/// 2. calls with body bytes: kept up to the limit, dropped beyond it.
/// 3. the call after the body: the handler is started, the connection suspended.
/// 4. the call after the resume: the answer is queued.
enum ServerCallbacks {
    static func access(
        _ rawContext: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ url: UnsafePointer<CChar>?,
        _ method: UnsafePointer<CChar>?, _ uploadData: UnsafePointer<CChar>?,
        _ uploadSize: UnsafeMutablePointer<Int>?, _ requestContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    ) -> MHD_Result {
        guard let rawContext, let connection, let uploadSize, let requestContext else { return .NO }
        let context = Unmanaged<ServerContext>.fromOpaque(rawContext).takeUnretainedValue()
        let limit = context.configuration.maximumBodySize

        guard let existing = requestContext.pointee else {
            let state = begin(connection, url: url, method: method)
            requestContext.pointee = Unmanaged.passRetained(state).toOpaque()
            context.inFlight.add(1, ordering: .relaxed)
            if let declared = state.declaredLength, declared > limit {
                let problem = ProblemResponder.response(
                    for: HTTPProblem.contentTooLarge(limit: limit), path: state.path, requestID: state.id)
                return context.queue(problem, for: state, on: connection)
            }
            return .YES
        }
        let state = Unmanaged<RequestState>.fromOpaque(existing).takeUnretainedValue()

        if uploadSize.pointee > 0 {
            // Past the limit, pieces are consumed and dropped: a chunked body is read to its end
            // before the 413 (known gap; the idle timeout bounds a slow sender).
            if let uploadData {
                let bytes = UnsafeRawPointer(uploadData).assumingMemoryBound(to: UInt8.self)
                state.append(UnsafeBufferPointer(start: bytes, count: uploadSize.pointee), limit: limit)
            }
            uploadSize.pointee = 0
            return .YES
        }
        if state.queued != nil { return .YES }
        if state.answer != nil { return context.queueAnswer(of: state, on: connection) }
        if state.isTooLarge {
            context.dispatch(state, on: connection, answering: .contentTooLarge(limit: limit))
        } else {
            context.dispatch(state, on: connection)
        }
        return .YES
    }

    /// Releases the request's state once its answer is sent (or the connection is gone).
    static func completed(
        _ rawContext: UnsafeMutableRawPointer?, _ requestContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    ) {
        guard let rawContext, let requestContext, let existing = requestContext.pointee else { return }
        requestContext.pointee = nil
        let context = Unmanaged<ServerContext>.fromOpaque(rawContext).takeUnretainedValue()
        let state = Unmanaged<RequestState>.fromOpaque(existing).takeRetainedValue()
        context.complete(state)
        context.inFlight.subtract(1, ordering: .relaxed)
    }

    /// Reads what the first call knows: the request line, the headers, the query, the client.
    private static func begin(
        _ connection: OpaquePointer, url: UnsafePointer<CChar>?, method: UnsafePointer<CChar>?
    ) -> RequestState {
        let headers = HeaderFields(values(of: connection, kind: .HEADER_KIND).map { .init(name: $0, value: $1 ?? "") })
        let query = values(of: connection, kind: .GET_ARGUMENT_KIND).map { QueryItem(name: $0, value: $1) }
        let remote = cmhd_client_address(connection).flatMap { SocketAddress.text(of: $0) }
        return RequestState(
            id: RequestID.accept(headers["X-Request-Id"]), method: method.map { String(cString: $0) } ?? "",
            path: url.map { String(cString: $0) } ?? "/", headers: headers, queryItems: query,
            remoteAddress: remote)
    }

    /// Collects what `MHD_get_connection_values` walks through.
    private final class Collector {
        var pairs: [(String, String?)] = []
    }

    private static func values(of connection: OpaquePointer, kind: MHD_ValueKind) -> [(String, String?)] {
        let collector = Collector()
        withExtendedLifetime(collector) {
            _ = MHD_get_connection_values(
                connection, kind,
                { rawCollector, _, key, value in
                    guard let rawCollector, let key else { return .YES }
                    let collector = Unmanaged<Collector>.fromOpaque(rawCollector).takeUnretainedValue()
                    collector.pairs.append((String(cString: key), value.map { String(cString: $0) }))
                    return .YES
                }, Unmanaged.passUnretained(collector).toOpaque())
        }
        return collector.pairs
    }
}
