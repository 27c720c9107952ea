import CCurl

/// libcurl's process-wide initialisation, done once.
///
/// `curl_global_init` is not thread-safe before libcurl 7.84, so it runs inside a global
/// `let`, which Swift initialises exactly once under a lock.
enum CurlGlobal {
    private static let result: CURLcode = curl_global_init(ccurl_global_all())

    static func ensureInitialised() throws {
        let code = result
        guard code == CURLE_OK else {
            throw HTTPError(
                .setup,
                method: "-",
                url: "-",
                message: "curl_global_init failed: " + CurlGlobal.message(for: code),
                curlCode: Int(code.rawValue)
            )
        }
    }

    /// libcurl's own text for `code`.
    static func message(for code: CURLcode) -> String {
        guard let text = curl_easy_strerror(code) else { return "unknown libcurl error" }
        return String(cString: text)
    }
}
