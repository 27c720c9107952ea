import CQRencode

#if canImport(Glibc)
    import Glibc
#endif

/// A QR code (ISO/IEC 18004) made by libqrencode, drawn as SVG.
struct QRCode {
    /// The modules, row by row: true for a dark one.
    let modules: [[Bool]]

    /// Encodes `bytes` in 8-bit mode at error correction level M; nil when they do not fit
    /// in the largest symbol (version 40) or the library fails.
    init?(_ bytes: [UInt8]) {
        // Version 0 lets the library choose the smallest version that holds the data.
        guard
            let code = bytes.withUnsafeBufferPointer({ buffer in
                QRcode_encodeData(Int32(buffer.count), buffer.baseAddress, 0, QR_ECLEVEL_M)
            })
        else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard let data = code.pointee.data else { return nil }
        // Bit 0 of each byte is the module's colour (1 dark), per qrencode.h.
        modules = (0..<width).map { row in (0..<width).map { column in data[row * width + column] & 1 == 1 } }
    }

    /// An SVG with a quiet zone of four modules (the standard's minimum), one path for the
    /// dark modules, and a title for screen readers.
    func svg(title: String) -> String {
        let size = modules.count + 8
        var path = ""
        for (row, line) in modules.enumerated() {
            for (column, dark) in line.enumerated() where dark {
                path += "M\(column + 4) \(row + 4)h1v1h-1z"
            }
        }
        return """
            <svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(size) \(size)" role="img" \
            aria-label="\(HTML.escape(title))" shape-rendering="crispEdges">\
            <rect width="\(size)" height="\(size)" fill="#ffffff"/><path d="\(path)" fill="#000000"/></svg>
            """
    }
}
