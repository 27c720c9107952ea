/// Collects one response's header lines and body bytes from libcurl's callbacks.
///
/// libcurl calls back on the thread running `curl_easy_perform`, so the sink needs no lock;
/// it reaches the callbacks as an unretained context pointer and lives until the transfer ends.
final class ResponseSink {
    private(set) var headers = HTTPHeaders()
    private(set) var body: [UInt8] = []

    static func receiveBody(_ data: UnsafeMutablePointer<CChar>?, _ count: Int, _ context: UnsafeMutableRawPointer?)
        -> Int
    {
        guard let data, let context else { return 0 }
        let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
        let bytes = UnsafeRawBufferPointer(start: data, count: count)
        sink.body.append(contentsOf: bytes)
        return count
    }

    static func receiveHeader(_ data: UnsafeMutablePointer<CChar>?, _ count: Int, _ context: UnsafeMutableRawPointer?)
        -> Int
    {
        guard let data, let context else { return 0 }
        let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
        let bytes = UnsafeRawBufferPointer(start: data, count: count)
        sink.receiveHeaderLine(String(decoding: bytes, as: UTF8.self))
        return count
    }

    private func receiveHeaderLine(_ line: String) {
        // A status line starts a new response (after "100 Continue" or an auth retry): only
        // the headers of the last one belong to the answer.
        if line.hasPrefix("HTTP/") {
            headers = HTTPHeaders()
            body = []
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingSpaces()
        let value = line[line.index(after: colon)...].trimmingSpaces()
        guard !name.isEmpty else { return }
        headers.add(name, value)
    }
}

extension Substring {
    /// The text without leading and trailing spaces, tabs and line ends.
    ///
    /// `isWhitespace` rather than a list of characters: "\r\n" is one `Character`.
    func trimmingSpaces() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }), let end = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[start...end])
    }
}
