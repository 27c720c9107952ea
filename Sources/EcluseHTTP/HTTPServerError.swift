/// Why the server could not start.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The host is not an address the server can listen on.
        case invalidAddress = "invalid-address"
        /// libmicrohttpd refused to start: the port is taken, or the address is not on this machine.
        case cannotListen = "cannot-listen"
    }

    public var code: Code
    public var message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
