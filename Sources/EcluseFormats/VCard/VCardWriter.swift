import EcluseCore

/// The vCard versions Ecluse writes.
public enum VCardVersion: String, Sendable, Hashable, Codable {
    case v21 = "2.1"
    case v30 = "3.0"
    case v40 = "4.0"
}

/// Writes contacts as vCards. (Placeholder signature; the full writer replaces this file.)
public struct VCardWriter: Sendable {
    public init() {}

    public func write(_ contact: Contact, uid: String, version: VCardVersion) -> String {
        "BEGIN:VCARD\r\nVERSION:\(version.rawValue)\r\nUID:\(uid)\r\nFN:\(contact.displayName)\r\nEND:VCARD\r\n"
    }
}
