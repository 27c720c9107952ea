import CCurl

/// Sets one request's libcurl options, turning every refused option into an `HTTPError`.
struct CurlOptions {
    let handle: CurlHandle
    let request: HTTPRequest

    func applyCommon(_ configuration: HTTPClient.Configuration) throws {
        // Signals are not safe in a multi-threaded process; libcurl's docs ask for NOSIGNAL.
        try setLong(CURLOPT_NOSIGNAL, 1, "CURLOPT_NOSIGNAL")
        try setLong(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.milliseconds, "CURLOPT_CONNECTTIMEOUT_MS")
        try setLong(CURLOPT_TIMEOUT_MS, configuration.timeout.milliseconds, "CURLOPT_TIMEOUT_MS")
        try setString(CURLOPT_PROTOCOLS_STR, "http,https", "CURLOPT_PROTOCOLS_STR")
        try setString(CURLOPT_USERAGENT, configuration.userAgent, "CURLOPT_USERAGENT")

        if let credentials = configuration.credentials {
            try setLong(CURLOPT_HTTPAUTH, ccurl_auth_basic(), "CURLOPT_HTTPAUTH")
            try setString(CURLOPT_USERNAME, credentials.username, "CURLOPT_USERNAME")
            try setString(CURLOPT_PASSWORD, credentials.password, "CURLOPT_PASSWORD")
        }
    }

    func applyTarget() throws {
        // libcurl copies string options (CURLOPT_URL, CURLOPT_CUSTOMREQUEST) since 7.17.
        try setString(CURLOPT_URL, request.url, "CURLOPT_URL")
        switch request.method {
        case .get where request.body == nil:
            try setLong(CURLOPT_HTTPGET, 1, "CURLOPT_HTTPGET")
        case .head:
            try setLong(CURLOPT_NOBODY, 1, "CURLOPT_NOBODY")
        default:
            try setString(CURLOPT_CUSTOMREQUEST, request.method.rawValue, "CURLOPT_CUSTOMREQUEST")
        }
    }

    /// The request's headers as a libcurl list; the caller frees it after the transfer.
    func headerList() throws -> UnsafeMutablePointer<curl_slist>? {
        var headers = request.headers
        if request.body != nil {
            // A body set through CURLOPT_POSTFIELDS would otherwise be labelled as a form, and
            // large ones would wait for "100 Continue", which HTTP/1.0 servers never send.
            if !headers.contains("Content-Type") { headers.add("Content-Type", "") }
            if !headers.contains("Expect") { headers.add("Expect", "") }
        }

        var list: UnsafeMutablePointer<curl_slist>? = nil
        for field in headers {
            // "Name:" with nothing after it tells libcurl to drop a header it would add.
            let line = field.value.isEmpty ? "\(field.name):" : "\(field.name): \(field.value)"
            guard let appended = curl_slist_append(list, line) else {
                curl_slist_free_all(list)
                throw failure(.setup, "curl_slist_append failed")
            }
            list = appended
        }
        return list
    }

    func applyCallbacks(context: UnsafeMutableRawPointer) throws {
        // Non-capturing closures: they reach the sink through the context pointer only.
        try check(
            ccurl_setopt_write_function(handle) { data, size, count, context in
                ResponseSink.receiveBody(data, size * count, context)
            },
            "CURLOPT_WRITEFUNCTION"
        )
        try check(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context), "CURLOPT_WRITEDATA")
        try check(
            ccurl_setopt_header_function(handle) { data, size, count, context in
                ResponseSink.receiveHeader(data, size * count, context)
            },
            "CURLOPT_HEADERFUNCTION"
        )
        try check(ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context), "CURLOPT_HEADERDATA")
    }

    func check(_ code: CURLcode, _ operation: String) throws {
        guard code != CURLE_OK else { return }
        let message = "\(operation): \(CurlGlobal.message(for: code))"
        throw HTTPError(
            Self.errorCode(for: code),
            method: request.method.rawValue,
            url: request.url,
            message: message,
            curlCode: Int(code.rawValue)
        )
    }

    private func setLong(_ option: CURLoption, _ value: Int, _ name: String) throws {
        try check(ccurl_setopt_long(handle, option, value), name)
    }

    private func setString(_ option: CURLoption, _ value: String, _ name: String) throws {
        try check(ccurl_setopt_string(handle, option, value), name)
    }

    private func failure(_ code: HTTPError.Code, _ message: String) -> HTTPError {
        HTTPError(code, method: request.method.rawValue, url: request.url, message: message)
    }

    private static func errorCode(for code: CURLcode) -> HTTPError.Code {
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            .unreachable
        case CURLE_OPERATION_TIMEDOUT:
            .timedOut
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            .invalidURL
        case CURLE_UNKNOWN_OPTION, CURLE_NOT_BUILT_IN, CURLE_OUT_OF_MEMORY, CURLE_FAILED_INIT:
            .setup
        default:
            .transfer
        }
    }
}

extension Duration {
    /// The duration in whole milliseconds, at least 1, as libcurl's `_MS` options take it.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
