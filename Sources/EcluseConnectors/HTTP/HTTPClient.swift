import CCurl

/// A synchronous HTTP/1.1 client on one libcurl easy handle.
///
/// The handle is reused from request to request, so that a server that keeps connections
/// alive is reached over one connection. A client holds a C handle, so it is not `Sendable`:
/// use it from one thread at a time (a connector owns its client and is itself confined).
///
/// Credentials are given to libcurl as `CURLOPT_USERNAME` and `CURLOPT_PASSWORD` and never
/// appear in an error, a description or a log.
public final class HTTPClient {
    /// Settings that apply to every request of a client.
    public struct Configuration: Sendable {
        /// How long to wait for a connection to be set up.
        public var connectTimeout: Duration
        /// How long a whole request may take, connection and transfer included.
        public var timeout: Duration
        /// Sent with HTTP basic authentication (RFC 7617) when set.
        public var credentials: Credentials?
        public var userAgent: String

        public init(
            connectTimeout: Duration = .seconds(10),
            timeout: Duration = .seconds(60),
            credentials: Credentials? = nil,
            userAgent: String = "Ecluse"
        ) {
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.credentials = credentials
            self.userAgent = userAgent
        }
    }

    public let configuration: Configuration
    private let handle: CurlHandle

    /// Throws `HTTPError` with code `.setup` when libcurl cannot be initialised.
    public init(configuration: Configuration = Configuration()) throws {
        try CurlGlobal.ensureInitialised()
        guard let handle = curl_easy_init() else {
            throw HTTPError(.setup, method: "-", url: "-", message: "curl_easy_init failed")
        }
        self.handle = handle
        self.configuration = configuration
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// Sends `request` and returns the server's answer, whatever its status.
    ///
    /// Throws `HTTPError` only when no answer came: bad URL, connection refused, timeout,
    /// broken transfer.
    public func send(_ request: HTTPRequest) throws -> HTTPResponse {
        guard request.url.hasPrefix("http://") || request.url.hasPrefix("https://") else {
            throw HTTPError(.invalidURL, method: request.method.rawValue, url: request.url, message: "not an http URL")
        }
        let options = CurlOptions(handle: handle, request: request)

        // curl_easy_reset keeps the connection cache and drops every option, so the options
        // of one request cannot leak into the next.
        curl_easy_reset(handle)
        try options.applyCommon(configuration)
        try options.applyTarget()

        // libcurl keeps a pointer to the list, so it is freed only after the transfer.
        let headerList = try options.headerList()
        defer { curl_slist_free_all(headerList) }
        try options.check(ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList), "CURLOPT_HTTPHEADER")

        let sink = ResponseSink()
        let context = Unmanaged.passUnretained(sink).toOpaque()
        try options.applyCallbacks(context: context)

        let body = request.body ?? []
        let code = withExtendedLifetime(sink) {
            body.withUnsafeBytes { bytes in
                performTransfer(options: options, body: bytes)
            }
        }
        try options.check(code, "curl_easy_perform")

        var status = 0
        try options.check(ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status), "CURLINFO_RESPONSE_CODE")
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }

    /// Points libcurl at the body for the time of the transfer, then runs it.
    private func performTransfer(options: CurlOptions, body: UnsafeRawBufferPointer) -> CURLcode {
        if options.request.body != nil {
            // CURLOPT_POSTFIELDS does not copy: `body` stays valid until curl_easy_perform
            // returns. The method set by CURLOPT_CUSTOMREQUEST still wins over POST.
            let pointer = UnsafeMutableRawPointer(mutating: body.baseAddress)
            let sizeCode = ccurl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, body.count)
            guard sizeCode == CURLE_OK else { return sizeCode }
            let emptyBody: StaticString = ""
            let dataCode = ccurl_setopt_pointer(
                handle,
                CURLOPT_POSTFIELDS,
                pointer ?? UnsafeMutableRawPointer(mutating: emptyBody.utf8Start)
            )
            guard dataCode == CURLE_OK else { return dataCode }
        }
        return curl_easy_perform(handle)
    }
}

/// libcurl's easy handle, named for what it is.
typealias CurlHandle = UnsafeMutableRawPointer
