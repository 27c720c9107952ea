import EcluseCore

/// Writes a contact as the JSON that `JSONDecoder` reads back into the same `Contact`.
///
/// The store keeps each contact as JSON. Foundation's `JSONEncoder` took about a third of the
/// time of an import, so the store writes the same document by hand: the keys and shapes of
/// `Contact`'s synthesised `Codable` conformance, optional values left out when nil. A test
/// decodes what this writes, for every fixture, and compares it with the original.
enum ContactJSON {
    static func encode(_ contact: Contact) -> String {
        var out = JSONWriter()
        out.object { out in
            out.field("id", contact.id.rawValue)
            out.field("sourceUID", contact.sourceUID)
            out.key("name")
            out.object { out in
                out.field("formatted", contact.name.formatted)
                out.field("family", contact.name.family)
                out.field("given", contact.name.given)
                out.field("additional", contact.name.additional)
                out.field("prefix", contact.name.prefix)
                out.field("suffix", contact.name.suffix)
            }
            if let organisation = contact.organisation {
                out.key("organisation")
                out.object { out in
                    out.field("name", organisation.name)
                    out.field("units", organisation.units)
                }
            }
            out.field("title", contact.title)
            out.key("phones")
            out.array(contact.phones) { out, phone in
                out.object { out in
                    out.field("value", phone.value)
                    out.field("kinds", phone.kinds.map(\.rawValue).sorted())
                    out.field("preferred", phone.preferred)
                    out.field("label", phone.label)
                }
            }
            out.key("emails")
            out.array(contact.emails) { out, email in
                out.object { out in
                    out.field("value", email.value)
                    out.field("kinds", email.kinds.map(\.rawValue).sorted())
                    out.field("preferred", email.preferred)
                    out.field("label", email.label)
                }
            }
            out.key("addresses")
            out.array(contact.addresses) { out, address in
                out.object { out in
                    out.field("kinds", address.kinds.map(\.rawValue).sorted())
                    out.field("preferred", address.preferred)
                    out.field("poBox", address.poBox)
                    out.field("extended", address.extended)
                    out.field("street", address.street)
                    out.field("locality", address.locality)
                    out.field("region", address.region)
                    out.field("postalCode", address.postalCode)
                    out.field("country", address.country)
                    out.field("label", address.label)
                }
            }
            out.field("urls", contact.urls)
            out.field("birthday", contact.birthday)
            out.field("note", contact.note)
            out.field("tags", contact.tags)
            out.field("owner", contact.owner)
            out.field("consent", contact.consent?.rawValue)
            if let day = contact.lastInteraction {
                out.key("lastInteraction")
                out.object { out in
                    out.number("year", day.year)
                    out.number("month", day.month)
                    out.number("day", day.day)
                }
            }
            out.key("extras")
            out.array(contact.extras) { out, extra in
                out.object { out in
                    out.field("group", extra.group)
                    out.field("name", extra.name)
                    out.key("parameters")
                    out.object { out in
                        for key in extra.parameters.keys.sorted() { out.field(key, extra.parameters[key] ?? []) }
                    }
                    out.field("value", extra.value)
                }
            }
        }
        return out.text
    }
}

/// A minimal JSON writer: objects, arrays, strings and booleans, escaped per RFC 8259.
///
/// Works on UTF-8 bytes: most values need no escape and are copied whole.
struct JSONWriter {
    private var bytes: [UInt8] = []
    private var needsComma = false

    init() { bytes.reserveCapacity(1_024) }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    mutating func array<Element>(_ elements: [Element], _ body: (inout JSONWriter, Element) -> Void) {
        open(UInt8(ascii: "["))
        for element in elements {
            separate()
            body(&self, element)
            needsComma = true
        }
        close(UInt8(ascii: "]"))
    }

    mutating func key(_ name: String) {
        separate()
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
        needsComma = true
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
        needsComma = true
    }

    mutating func number(_ name: String, _ value: Int) {
        key(name)
        bytes.append(contentsOf: Array(String(value).utf8))
        needsComma = true
    }

    mutating func field(_ name: String, _ values: [String]) {
        key(name)
        array(values) { out, value in out.string(value) }
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        needsComma = false
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = false
    }

    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20: bytes.append(contentsOf: Self.unicodeEscape(byte))
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `\u00XX` for a control character.
    private static func unicodeEscape(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return Array("\\u00".utf8) + [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }
}
