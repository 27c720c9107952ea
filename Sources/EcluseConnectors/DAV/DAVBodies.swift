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

    static let xmlContentType = "application/xml; charset=utf-8"
}
