import EcluseCore
import EcluseFormats
import Foundation

/// How one collection's items are written: vCards for contacts, iCalendar objects for events.
public struct ItemFormat: Sendable {
    public let items: DestinationItems
    /// The vCard version contacts are written in.
    public let vCardVersion: VCardVersion

    public init(_ items: DestinationItems, vCardVersion: VCardVersion = .v30) {
        self.items = items
        self.vCardVersion = vCardVersion
    }

    /// The end of every item's name: `.vcf` or `.ics`.
    public var fileExtension: String { items == .events ? ".ics" : ".vcf" }

    /// The media type of an item's body (RFC 6350 §10.1, RFC 5545 §8.1).
    public var mediaType: String { items == .events ? "text/calendar; charset=utf-8" : "text/vcard; charset=utf-8" }

    /// The bytes of `copy`, its UID being the copy's own.
    public func bytes(of copy: DesiredCopy) -> [UInt8] {
        switch copy.content {
        case .contact(let contact):
            Array(VCardWriter().write(contact, uid: copy.copyUID, version: vCardVersion).utf8)
        case .event(let event):
            Array(ICalWriter().write(event, uid: copy.copyUID).utf8)
        }
    }
}
