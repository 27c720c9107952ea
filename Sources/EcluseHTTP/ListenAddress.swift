import CMicroHTTPD

#if canImport(Glibc)
    import Glibc
#endif

/// Where the server listens: a numeric IPv4 or IPv6 address (or `localhost`) and a port.
///
/// Written `HOST:PORT`, with IPv6 hosts in brackets (`[::1]:8080`). Port 0 lets the system
/// pick a free port; the server then tells which one it got.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: UInt16

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Reads `HOST:PORT`; nil when the text has no port or the host is not a numeric address.
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else {
            return nil
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.init(host: host, port: port)
        guard (try? socketAddress()) != nil else { return nil }
    }

    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The address as the C library takes it.
    func socketAddress() throws(HTTPServerError) -> SocketAddress {
        let numeric = host == "localhost" ? "127.0.0.1" : host
        var storage = sockaddr_storage()
        var ipv4 = sockaddr_in()
        if inet_pton(AF_INET, numeric, &ipv4.sin_addr) == 1 {
            ipv4.sin_family = sa_family_t(AF_INET)
            ipv4.sin_port = port.bigEndian
            withUnsafeMutableBytes(of: &storage) { target in
                withUnsafeBytes(of: ipv4) { target.copyMemory(from: $0) }
            }
            return SocketAddress(storage: storage, isIPv6: false)
        }
        var ipv6 = sockaddr_in6()
        if inet_pton(AF_INET6, numeric, &ipv6.sin6_addr) == 1 {
            ipv6.sin6_family = sa_family_t(AF_INET6)
            ipv6.sin6_port = port.bigEndian
            withUnsafeMutableBytes(of: &storage) { target in
                withUnsafeBytes(of: ipv6) { target.copyMemory(from: $0) }
            }
            return SocketAddress(storage: storage, isIPv6: true)
        }
        throw HTTPServerError(.invalidAddress, "\(host) is not a numeric IPv4 or IPv6 address")
    }
}

/// A socket address in the form the C calls take.
struct SocketAddress {
    var storage: sockaddr_storage
    var isIPv6: Bool

    func withPointer<Result>(_ body: (UnsafePointer<sockaddr>) -> Result) -> Result {
        withUnsafeBytes(of: storage) { bytes in
            body(bytes.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: sockaddr.self))
        }
    }

    /// The numeric text of a client's address (`192.0.2.7`, `2001:db8::1`), nil for other families.
    static func text(of address: UnsafePointer<sockaddr>) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let written: UnsafePointer<CChar>?
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            var ipv4 = UnsafeRawPointer(address).loadUnaligned(as: sockaddr_in.self)
            written = inet_ntop(AF_INET, &ipv4.sin_addr, &buffer, socklen_t(buffer.count))
        case AF_INET6:
            var ipv6 = UnsafeRawPointer(address).loadUnaligned(as: sockaddr_in6.self)
            written = inet_ntop(AF_INET6, &ipv6.sin6_addr, &buffer, socklen_t(buffer.count))
        default:
            written = nil
        }
        guard written != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
