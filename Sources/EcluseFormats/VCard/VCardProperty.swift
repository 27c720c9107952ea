/// One content line split into group, name, parameters and the still-encoded value.
///
/// Names and parameter names are uppercased (RFC 6350 section 3.3: they are case-insensitive).
/// vCard 2.1 bare parameters (`TEL;WORK;PREF`, `fn;quoted-printable`) are filed under `TYPE`,
/// or under `ENCODING` for an encoding name, as RFC 2425 writes them.
struct VCardProperty: Sendable {
    var group: String?
    var name: String
    var parameters: [String: [String]]
    var rawValue: [UInt8]
    var line: Int

    /// All `TYPE` values, lowercased, with comma lists and repeated parameters flattened.
    var types: [String] {
        guard let values = parameters["TYPE"] else { return [] }
        return values.flatMap { $0.split(separator: ",") }.map { String($0).trimmingWhitespace().lowercased() }
    }

    /// The value encoding, uppercased: `QUOTED-PRINTABLE`, `BASE64`, `B`, or nil.
    var encoding: String? { parameters["ENCODING"]?.first?.uppercased() }

    var charset: String? { parameters["CHARSET"]?.first }

    /// Splits a logical line; nil when it has no colon between its name and its value.
    static func parse(_ line: VCardLogicalLine) -> VCardProperty? {
        let bytes = line.bytes
        var index = 0
        var inQuotes = false
        var segments: [ArraySlice<UInt8>] = []
        var segmentStart = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Ascii.quote {
                inQuotes.toggle()
            } else if !inQuotes, byte == Ascii.semicolon || byte == Ascii.colon {
                segments.append(bytes[segmentStart..<index])
                segmentStart = index + 1
                if byte == Ascii.colon { break }
            }
            index += 1
        }
        guard index < bytes.count else { return nil }

        let value = Array(bytes[(index + 1)...])
        guard let nameSegment = segments.first else { return nil }
        // Everything before the value is read as bytes: the separators are ASCII, so they never
        // fall inside a multi-byte character, and String's Unicode-aware searches cost a third
        // of a card's parse.
        let fullName = Ascii.trimmed(nameSegment)
        var group: String?
        var name = fullName
        if let dot = fullName.firstIndex(of: Ascii.period) {
            group = String(decoding: fullName[..<dot], as: UTF8.self)
            name = fullName[(dot + 1)...]
        }
        var parameters: [String: [String]] = [:]
        for segment in segments.dropFirst() {
            let (key, values) = parameter(from: Ascii.trimmed(segment))
            guard !key.isEmpty else { continue }
            parameters[key, default: []].append(contentsOf: values)
        }
        return VCardProperty(
            group: group, name: Ascii.uppercased(name), parameters: parameters, rawValue: value, line: line.line)
    }

    private static let encodingNames: Set<String> = ["QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"]

    private static func parameter(from bytes: ArraySlice<UInt8>) -> (String, [String]) {
        guard let equals = bytes.firstIndex(of: Ascii.equals) else {
            let upper = Ascii.uppercased(bytes)
            return encodingNames.contains(upper)
                ? ("ENCODING", [upper]) : ("TYPE", [String(decoding: bytes, as: UTF8.self)])
        }
        let key = Ascii.uppercased(Ascii.trimmed(bytes[..<equals]))
        return (key, splitParameterValues(bytes[(equals + 1)...]))
    }

    /// Splits `a,"b,c",d` on commas outside quotes and removes the quotes.
    private static func splitParameterValues(_ bytes: ArraySlice<UInt8>) -> [String] {
        var values: [String] = []
        var current: [UInt8] = []
        var inQuotes = false
        for byte in bytes {
            if byte == Ascii.quote {
                inQuotes.toggle()
            } else if byte == Ascii.comma, !inQuotes {
                values.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(byte)
            }
        }
        values.append(String(decoding: current, as: UTF8.self))
        return values
    }
}
