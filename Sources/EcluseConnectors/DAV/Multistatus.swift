import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A WebDAV `multistatus` body (RFC 4918 §13), reduced to what the connectors read: each
/// response's href, its status, and per propstat the etag, resource types, supported reports
/// and the few text properties below; plus the sync token of a sync-collection answer.
public struct Multistatus: Sendable, Hashable {
    /// An XML element name with its namespace, such as `DAV:` `collection`.
    public struct Name: Sendable, Hashable, CustomStringConvertible {
        public var namespace: String
        public var local: String

        public init(_ namespace: String, _ local: String) {
            self.namespace = namespace
            self.local = local
        }

        public var description: String { "{\(namespace)}\(local)" }

        public static let collection = Name("DAV:", "collection")
        public static let addressBook = Name("urn:ietf:params:xml:ns:carddav", "addressbook")
        public static let calendar = Name("urn:ietf:params:xml:ns:caldav", "calendar")
        public static let currentUserPrincipal = Name("DAV:", "current-user-principal")
        public static let addressBookHomeSet = Name("urn:ietf:params:xml:ns:carddav", "addressbook-home-set")
        public static let calendarHomeSet = Name("urn:ietf:params:xml:ns:caldav", "calendar-home-set")

        public static let syncToken = Name("DAV:", "sync-token")
        public static let syncCollection = Name("DAV:", "sync-collection")
        /// CalendarServer's collection tag, which changes whenever a member does.
        public static let getctag = Name("http://calendarserver.org/ns/", "getctag")
        public static let addressData = Name("urn:ietf:params:xml:ns:carddav", "address-data")
        public static let calendarData = Name("urn:ietf:params:xml:ns:caldav", "calendar-data")

        /// The properties whose value is an `href`, which discovery reads.
        static let hrefValued: Set<Name> = [currentUserPrincipal, addressBookHomeSet, calendarHomeSet]
        /// The properties whose value is text, which listings and multigets read.
        static let textValued: Set<Name> = [syncToken, getctag, addressData, calendarData]
    }

    /// The properties found under one status (RFC 4918 §14.22).
    public struct Propstat: Sendable, Hashable {
        public var status: Int
        public var etag: String?
        /// The first `href` of each href-valued property found (principal, home sets).
        public var hrefs: [Name: String] = [:]
        /// The text of each text-valued property found (sync token, ctag, an item's body).
        public var texts: [Name: String] = [:]
        /// The reports `supported-report-set` lists (RFC 3253 §3.1.5).
        public var reports: Set<Name> = []
        public var resourceTypes: Set<Name>

        public init(status: Int, etag: String? = nil, resourceTypes: Set<Name> = []) {
            self.status = status
            self.etag = etag
            self.resourceTypes = resourceTypes
        }
    }

    /// One `response` element: a resource and what the server says about it.
    public struct Response: Sendable, Hashable {
        /// The href as the server wrote it, still percent-encoded.
        public var href: String
        /// The status of the whole response, when the server gave one instead of propstats.
        public var status: Int?
        public var propstats: [Propstat]

        public init(href: String, status: Int? = nil, propstats: [Propstat] = []) {
            self.href = href
            self.status = status
            self.propstats = propstats
        }

        /// The etag from a successful propstat, quotes kept: it goes back as is in `If-Match`.
        public var etag: String? {
            propstats.first { (200..<300).contains($0.status) && $0.etag != nil }?.etag
        }

        public var resourceTypes: Set<Name> {
            propstats.filter { (200..<300).contains($0.status) }.reduce(into: []) { $0.formUnion($1.resourceTypes) }
        }

        public var isCollection: Bool { resourceTypes.contains(.collection) }

        /// The `href` a successful propstat gives for `property`, if any.
        public func href(of property: Name) -> String? {
            propstats.filter { (200..<300).contains($0.status) }.lazy.compactMap { $0.hrefs[property] }.first
        }
        /// The text a successful propstat gives for `property`, if any.
        public func text(of property: Name) -> String? {
            propstats.filter { (200..<300).contains($0.status) }.lazy.compactMap { $0.texts[property] }.first
        }

        /// The reports the successful propstats list as supported.
        public var reports: Set<Name> {
            propstats.filter { (200..<300).contains($0.status) }.reduce(into: []) { $0.formUnion($1.reports) }
        }

        public var isAddressBook: Bool { resourceTypes.contains(.addressBook) }
        public var isCalendar: Bool { resourceTypes.contains(.calendar) }
    }

    public var responses: [Response]
    /// The token a sync-collection REPORT answers with (RFC 6578 §6.4), if any.
    public var syncToken: String?

    public init(responses: [Response], syncToken: String? = nil) {
        self.responses = responses
        self.syncToken = syncToken
    }

    /// Parses a multistatus body; throws `MultistatusError` when it is not well-formed XML or
    /// has no `multistatus` root.
    public init(parsing body: [UInt8]) throws {
        let parser = XMLParser(data: Data(body))
        let reader = MultistatusReader()
        parser.delegate = reader
        parser.shouldProcessNamespaces = true
        // A multistatus body never needs external entities; resolving them would let a server
        // make Ecluse read files or reach hosts (XXE).
        parser.shouldResolveExternalEntities = false

        guard parser.parse() else {
            throw MultistatusError(
                message: parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed XML",
                line: parser.lineNumber,
                column: parser.columnNumber
            )
        }
        guard reader.sawRoot else {
            throw MultistatusError(message: "no DAV: multistatus element", line: 1, column: 1)
        }
        // FoundationXML on Linux accepts a body cut short; a truncated listing would look
        // like missing items, so it is refused here.
        guard reader.closedRoot else {
            throw MultistatusError(message: "the body ends before </multistatus>", line: parser.lineNumber, column: 0)
        }
        self.responses = reader.responses
        self.syncToken = reader.syncToken
    }

    /// The status code of an HTTP status line such as `HTTP/1.1 200 OK`.
    static func statusCode(of line: String) -> Int? {
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 2 else { return nil }
        return Int(parts[1])
    }
}

/// A multistatus body that could not be read.
public struct MultistatusError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int

    public var description: String { "unreadable multistatus at \(line):\(column): \(message)" }
}

/// The XMLParser delegate behind `Multistatus(parsing:)`.
private final class MultistatusReader: NSObject, XMLParserDelegate {
    private(set) var responses: [Multistatus.Response] = []
    private(set) var sawRoot = false
    private(set) var closedRoot = false
    private(set) var syncToken: String?

    private var path: [Multistatus.Name] = []
    private var text = ""
    private var response: Multistatus.Response?
    private var propstat: Multistatus.Propstat?

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        let name = Multistatus.Name(namespaceURI ?? "", elementName)
        let parent = path.last
        path.append(name)
        text = ""

        // A supported report is named by the element inside `report`, in any namespace.
        if parent == Multistatus.Name("DAV:", "report") { propstat?.reports.insert(name) }
        guard name.namespace == "DAV:" || parent?.local == "resourcetype" else { return }
        switch name.local {
        case "multistatus" where parent == nil: sawRoot = true
        case "response": response = Multistatus.Response(href: "")
        case "propstat": propstat = Multistatus.Propstat(status: 0)
        default:
            if parent == Multistatus.Name("DAV:", "resourcetype") {
                propstat?.resourceTypes.insert(name)
            }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    /// Some servers wrap an item's body in CDATA.
    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        text += String(decoding: block, as: UTF8.self)
    }

    func parser(
        _ parser: XMLParser,
        didEndElement elementName: String,
        namespaceURI: String?,
        qualifiedName qName: String?
    ) {
        let name = path.removeLast()
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        text = ""
        if Multistatus.Name.textValued.contains(name), path.last == Multistatus.Name("DAV:", "prop") {
            propstat?.texts[name] = value
        }
        guard name.namespace == "DAV:" else { return }
        if name.local == "sync-token", path.last?.local == "multistatus" { syncToken = value }
        if path.isEmpty && name.local == "multistatus" { closedRoot = sawRoot }

        if name.local == "href", let property = path.last, Multistatus.Name.hrefValued.contains(property),
            propstat?.hrefs[property] == nil
        {
            propstat?.hrefs[property] = value
        }
        switch (name.local, path.last?.local) {
        case ("href", "response"):
            response?.href = value
        case ("status", "propstat"):
            propstat?.status = Multistatus.statusCode(of: value) ?? 0
        case ("status", "response"):
            response?.status = Multistatus.statusCode(of: value)
        case ("getetag", _):
            propstat?.etag = value.isEmpty ? nil : value
        case ("propstat", _):
            if let propstat { response?.propstats.append(propstat) }
            propstat = nil
        case ("response", _):
            if let response { responses.append(response) }
            response = nil
        default:
            break
        }
    }
}
