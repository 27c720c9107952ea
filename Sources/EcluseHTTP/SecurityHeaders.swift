/// The header fields every answer carries, errors included.
///
/// The content security policy allows only the server's own styles, scripts and images (and
/// inline `data:` images, for QR codes), no framing, no foreign form targets. HSTS is sent only
/// when TLS ends at a front (nginx): over plain HTTP a browser ignores it, and sending it from a
/// server reached without TLS would promise what is not there.
enum SecurityHeaders {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// Two years, the value the HSTS preload list asks for.
    static let strictTransportSecurity = "max-age=63072000; includeSubDomains"

    static func apply(to headers: inout HeaderFields, requestID: String, behindTLS: Bool) {
        headers.set("X-Request-Id", requestID)
        headers.set("Content-Security-Policy", contentSecurityPolicy)
        headers.set("X-Frame-Options", "DENY")
        headers.set("X-Content-Type-Options", "nosniff")
        headers.set("Referrer-Policy", "no-referrer")
        if behindTLS { headers.set("Strict-Transport-Security", strictTransportSecurity) }
    }
}
