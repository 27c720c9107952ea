import Foundation

/// The XML request bodies the CardDAV and CalDAV connector sends.
enum DAVBodies {
    /// PROPFIND for the resource types only (RFC 4918 §9.1), to check a collection.
    static let propfindResourceType = Array(
        """
        <?xml version="1.0" encoding="utf-8"?>
        <d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>
        """.utf8
    )

    /// PROPFIND for etags and resource types, to list a collection's members.
    static let propfindETags = Array(
        """
        <?xml version="1.0" encoding="utf-8"?>
        <d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getetag/></d:prop></d:propfind>
        """.utf8
    )

    /// Extended MKCOL (RFC 5689 §3) that makes the new collection an address book
    /// (RFC 6352 §6.3.1).
    static let mkcolAddressBook = Array(
        """
        <?xml version="1.0" encoding="utf-8"?>
        <d:mkcol xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav">
        <d:set><d:prop><d:resourcetype><d:collection/><c:addressbook/></d:resourcetype></d:prop></d:set>
        </d:mkcol>
        """.utf8
    )

    /// PROPFIND for the current user's principal (RFC 5397 §3).
    static let propfindPrincipal = Array(
        """
        <?xml version="1.0" encoding="utf-8"?>
        <d:propfind xmlns:d="DAV:"><d:prop><d:current-user-principal/></d:prop></d:propfind>
        """.utf8
    )

    /// PROPFIND for a principal's address book home (RFC 6352 §7.1.1).
    static let propfindAddressBookHome = Array(
        """
        <?xml version="1.0" encoding="utf-8"?>
        <d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><c:addressbook-home-set/></d:prop>
        </d:propfind>
        """.utf8
    )

    /// PROPFIND for a principal's calendar home (RFC 4791 §6.2.1).
    static let propfindCalendarHome = Array(
        """
        <?xml version="1.0" encoding="utf-8"?>
        <d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><c:calendar-home-set/></d:prop>
        </d:propfind>
        """.utf8
    )

    /// MKCALENDAR (RFC 4791 §5.3.1) for a calendar of events only.
    static let mkcalendar = Array(
        """
        <?xml version="1.0" encoding="utf-8"?>
        <c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
        <d:set><d:prop><c:supported-calendar-component-set><c:comp name="VEVENT"/></c:supported-calendar-component-set>
        </d:prop></d:set></c:mkcalendar>
        """.utf8
    )

    /// PROPFIND for what says whether a collection changed: the reports it supports (RFC 3253
    /// §3.1.5), its sync token (RFC 6578 §4) and CalendarServer's collection tag.
    static let propfindCollectionState = Array(
        """
        <?xml version="1.0" encoding="utf-8"?>
        <d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/"><d:prop><d:supported-report-set/>
        <d:sync-token/><cs:getctag/></d:prop></d:propfind>
        """.utf8
    )

    /// The sync-collection REPORT (RFC 6578 §3.2) for the members' etags changed since
    /// `token`; an empty token asks for every member.
    static func syncCollection(since token: String) -> [UInt8] {
        let element = token.isEmpty ? "<d:sync-token/>" : "<d:sync-token>\(escaped(token))</d:sync-token>"
        return Array(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <d:sync-collection xmlns:d="DAV:">\(element)<d:sync-level>1</d:sync-level>
            <d:prop><d:getetag/></d:prop></d:sync-collection>
            """.utf8)
    }

    /// An addressbook-multiget (RFC 6352 §8.7) or calendar-multiget (RFC 4791 §7.9) REPORT for
    /// the bodies and etags of the items at `paths`.
    static func multiget(_ paths: [String], events: Bool) -> [UInt8] {
        let (namespace, report, data) =
            events
            ? ("urn:ietf:params:xml:ns:caldav", "calendar-multiget", "calendar-data")
            : ("urn:ietf:params:xml:ns:carddav", "addressbook-multiget", "address-data")
        let hrefs = paths.map { "<d:href>\(escaped($0))</d:href>" }.joined(separator: "\n")
        return Array(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <c:\(report) xmlns:d="DAV:" xmlns:c="\(namespace)"><d:prop><d:getetag/><c:\(data)/></d:prop>
            \(hrefs)
            </c:\(report)>
            """.utf8)
    }

    /// `text` with the characters XML reserves written as entities.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static let xmlContentType = "application/xml; charset=utf-8"
}
