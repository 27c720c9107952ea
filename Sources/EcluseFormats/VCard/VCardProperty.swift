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
        let fullName = String(decoding: nameSegment, as: UTF8.self).trimmingWhitespace()
        var group: String?
        var name = fullName
        if let dot = fullName.firstIndex(of: ".") {
            group = String(fullName[..<dot])
            name = String(fullName[fullName.index(after: dot)...])
        }
        var parameters: [String: [String]] = [:]
        for segment in segments.dropFirst() {
            let (key, values) = parameter(from: String(decoding: segment, as: UTF8.self))
            guard !key.isEmpty else { continue }
            parameters[key, default: []].append(contentsOf: values)
        }
        return VCardProperty(
            group: group, name: name.uppercased(), parameters: parameters, rawValue: value, line: line.line)
    }

    private static let encodingNames: Set<String> = ["QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"]

    private static func parameter(from text: String) -> (String, [String]) {
        let trimmed = text.trimmingWhitespace()
        guard let equals = trimmed.firstIndex(of: "=") else {
            let upper = trimmed.uppercased()
            return encodingNames.contains(upper) ? ("ENCODING", [upper]) : ("TYPE", [trimmed])
        }
        let key = String(trimmed[..<equals]).trimmingWhitespace().uppercased()
        let rest = String(trimmed[trimmed.index(after: equals)...])
        return (key, splitParameterValues(rest))
    }

    /// Splits `a,"b,c",d` on commas outside quotes and removes the quotes.
    private static func splitParameterValues(_ text: String) -> [String] {
        var values: [String] = []
        var current = ""
        var inQuotes = false
        for character in text {
            if character == "\"" {
                inQuotes.toggle()
            } else if character == ",", !inQuotes {
                values.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        values.append(current)
        return values
    }
}
