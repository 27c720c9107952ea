import CMicroHTTPD
import Synchronization

/// The answer to a suspended request, given once by whichever comes first: the handler, the
/// request's deadline, or a stop that cannot wait any longer.
///
/// A handler that passes its deadline runs on to its end; what it answers then is dropped.
///
/// The one that gives the answer resumes the connection; the library then calls the access
/// handler again, on the connection's own thread, which takes the answer and queues it.
final class PendingAnswer: Sendable {
    private struct State {
        var response: Response?
        var given = false
    }

    private let connection: SuspendedConnection
    private let state = Mutex(State())

    init(connection: OpaquePointer) {
        self.connection = SuspendedConnection(pointer: connection)
    }

    /// Gives the answer and resumes the connection; false (and nothing done) when an answer was
    /// already given.
    @discardableResult
    func give(_ response: Response) -> Bool {
        let won = state.withLock { state in
            guard !state.given else { return false }
            state.given = true
            state.response = response
            return true
        }
        guard won else { return false }
        MHD_resume_connection(connection.pointer)
        return true
    }

    /// The answer, once given; taken on the connection's thread after the resume.
    func take() -> Response? {
        state.withLock { state in
            defer { state.response = nil }
            return state.response
        }
    }
}

/// A suspended connection's handle, resumed from the thread that gives the answer.
///
/// Sendable by hand: libmicrohttpd documents `MHD_resume_connection` as callable from any
/// thread, and a suspended connection is not freed until it has been resumed.
private struct SuspendedConnection: @unchecked Sendable {
    let pointer: OpaquePointer
}
