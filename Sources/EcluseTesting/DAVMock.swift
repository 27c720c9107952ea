import Foundation

/// The small CardDAV/CalDAV server of `scripts/dav-mock.py`, for the behaviours real servers
/// differ in: with or without sync-collection or a collection tag, refusing an empty sync
/// token, truncating its answers, rewriting what it stores, moving an etag alone. It answers on
/// 127.0.0.1 only and keeps its items in memory.
///
/// `stop()` (or `deinit`) ends it by its pid.
public final class DAVMock {
    /// What the server does beyond plain WebDAV.
    public struct Behaviour: Sendable {
        public var syncCollection = false
        public var ctag = false
        public var refusesEmptyToken = false
        /// At most this many changes per sync-collection answer (0: no limit).
        public var syncPage = 0
        public var rewrites = false

        public init(
            syncCollection: Bool = false, ctag: Bool = false, refusesEmptyToken: Bool = false, syncPage: Int = 0,
            rewrites: Bool = false
        ) {
            self.syncCollection = syncCollection
            self.ctag = ctag
            self.refusesEmptyToken = refusesEmptyToken
            self.syncPage = syncPage
            self.rewrites = rewrites
        }
    }

    private let server: PythonServer

    /// `http://127.0.0.1:PORT` without a trailing slash.
    public var baseURL: String { server.baseURL }
    public var pid: Int32 { server.pid }

    public init(_ behaviour: Behaviour) throws {
        server = try PythonServer(name: "DAV mock", module: Self.script) { port, folder in
            var arguments = ["--port", "\(port)", "--folder", folder.path]
            if behaviour.syncCollection { arguments.append("--sync") }
            if behaviour.ctag { arguments.append("--ctag") }
            if behaviour.refusesEmptyToken { arguments.append("--refuse-empty-token") }
            if behaviour.syncPage > 0 { arguments += ["--sync-page", "\(behaviour.syncPage)"] }
            if behaviour.rewrites { arguments.append("--rewrite") }
            return arguments
        }
    }

    public func stop() { server.stop() }

    /// The URL of a path on the server, such as `alice/contacts/`.
    public func url(_ path: String) -> String { baseURL + "/" + path }

    /// The requests the server answered so far, in order.
    public func requests() -> [LoggedRequest] {
        LoggedRequest.read(server.folder.appendingPathComponent("requests.log"))
    }

    /// The URL that gives the item at `href` a new etag and leaves its content (POST it).
    public func retagURL(_ href: String) -> String {
        baseURL + "/_admin/retag?path=" + (href.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? href)
    }

    /// `scripts/dav-mock.py`, found from this file's place in the package.
    private static let script: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // EcluseTesting
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()  // the package root
        .appendingPathComponent("scripts/dav-mock.py").path
}
