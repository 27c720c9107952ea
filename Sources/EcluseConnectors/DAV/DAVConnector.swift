import EcluseCore
import EcluseFormats
import Foundation

/// One CardDAV address book (RFC 6352) or CalDAV calendar (RFC 4791), written item by item
/// over HTTP.
///
/// Items are `<collection>/<copy UID>.vcf` (or `.ics`), so an item left by a crashed run is
/// found again at the same href. Every write is conditional (`If-None-Match: *` to create, `If-Match` to
/// change), and only hrefs Ecluse was given are ever written, so a user's own cards are left
/// alone (promise 7). No body is logged or put in an error: items carry personal data.
///
/// Holds an `HTTPClient`, so it is confined to one thread at a time, like every connector.
public final class DAVConnector: Connector {
    public let collection: CollectionKey
    public let preferredBatchSize = 1
    /// The collection's URL, ending with a slash.
    public let collectionURL: String
    /// What the collection holds, and how its items are written.
    public let format: ItemFormat

    let client: HTTPClient
    /// How many items one multiget REPORT asks for: DAVx5 asks 10, Evolution 100.
    public var itemsPerMultiget = 50
    /// Waits between retries; tests replace it so they do not sleep.
    var pause: (Double) -> Void = { seconds in Thread.sleep(forTimeInterval: seconds) }
    /// `scheme://host[:port]` of `collectionURL`, to turn server-relative hrefs into URLs.
    let origin: String
    /// The path of `collectionURL`, ending with a slash, as hrefs of its members start.
    let collectionPath: String

    /// Opens the collection at `collectionURL`, logging in with `credentials` when given.
    ///
    /// Throws `ConnectorError` with code `.invalidConfiguration` when the URL is not an
    /// http or https URL with a host.
    public init(
        collection: CollectionKey,
        collectionURL: String,
        format: ItemFormat = ItemFormat(.contacts),
        credentials: Credentials?,
        http: HTTPClient.Configuration = HTTPClient.Configuration()
    ) throws {
        self.collection = collection
        self.format = format
        let url = collectionURL.hasSuffix("/") ? collectionURL : collectionURL + "/"
        guard let (origin, path) = Self.split(url) else {
            throw ConnectorError(
                .invalidConfiguration,
                destination: collection.description,
                message: "the setting `url` is not an http or https URL",
                fix: "Write the collection's full URL, such as https://dav.example.org/alice/contacts/"
            )
        }
        self.collectionURL = url
        self.origin = origin
        self.collectionPath = path

        var configuration = http
        configuration.credentials = credentials
        do {
            self.client = try HTTPClient(configuration: configuration)
        } catch {
            throw ConnectorError(
                .io,
                destination: collection.description,
                message: "the HTTP client could not be set up",
                detail: "\(error)"
            )
        }
    }

    /// Opens the collection a destination's settings describe.
    ///
    /// Reads `url` (with `{user}` already replaced by the caller), `username`, `timeout` (the
    /// seconds one request may take, 60 by default), and the password from the environment
    /// variable named by `password-env` (or from `password`, meant for tests). Throws
    /// `ConnectorError` with code `.invalidConfiguration` naming the missing setting or
    /// variable, never a password.
    public convenience init(
        collection: CollectionKey,
        settings: [String: String],
        format: ItemFormat = ItemFormat(.contacts),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        http: HTTPClient.Configuration = HTTPClient.Configuration()
    ) throws {
        let destination = collection.description
        guard let url = settings["url"], !url.isEmpty else {
            throw ConnectorError(
                .invalidConfiguration,
                destination: destination,
                message: "the setting `url` is missing",
                fix: "Add `url:` with the collection's URL to the destination"
            )
        }
        let credentials = try Self.credentials(from: settings, environment: environment, destination: destination)
        var http = http
        // `timeout` (seconds) bounds each request; the policy loader checked the number.
        if let seconds = settings["timeout"].flatMap(Int.init), seconds > 0 { http.timeout = .seconds(seconds) }
        try self.init(collection: collection, collectionURL: url, format: format, credentials: credentials, http: http)
    }

    public func prepare() throws {
        let found = try send(
            HTTPRequest(
                .propfind,
                url: collectionURL,
                headers: ["Depth": "0", "Content-Type": DAVBodies.xmlContentType],
                body: DAVBodies.propfindResourceType
            ),
            while: "checking the \(noun)"
        )
        // Some servers (Xandikos) answer a missing collection with a 207 whose only response
        // says 404, rather than with a 404.
        if found.status == 404 || (found.status == 207 && (try? parse(found, while: "")).map(Self.saysMissing) == true)
        {
            try createCollection()
            return
        }
        try checkKind(found)
    }

    /// A collection someone removed holds nothing: every copy in it has drifted, and `prepare`
    /// makes the collection again before they are written back.
    public func listItems() throws -> [RemoteItem] {
        let response = try send(
            HTTPRequest(
                .propfind,
                url: collectionURL,
                headers: ["Depth": "1", "Content-Type": DAVBodies.xmlContentType],
                body: DAVBodies.propfindETags
            ),
            while: "listing the \(noun)"
        )
        if response.status == 404 || response.status == 410 { return [] }
        guard response.status == 207 else { throw failure(response, while: "listing the \(noun)") }

        let multistatus = try parse(response, while: "listing the \(noun)")
        if Self.saysMissing(multistatus) { return [] }
        return multistatus.responses.compactMap { member in
            let href = path(of: member.href)
            // The collection answers for itself at Depth 1; sub-collections are not items.
            guard href != collectionPath, !member.isCollection, member.status.map(Self.isSuccess) ?? true else {
                return nil
            }
            return RemoteItem(remoteID: href, etag: member.etag)
        }
    }

    /// Throws only `.unreachable`; every other error is the failed outcome of its item.
    public func apply(_ operations: [PlannedOperation]) throws -> [OperationOutcome] {
        try operations.map { operation in
            do {
                switch operation {
                case .create(let copy): return try create(copy)
                case .update(let copy, let existing): return try update(copy, at: existing)
                case .delete(let record): return try delete(record)
                }
            } catch let error as ConnectorError where error.code != .unreachable {
                return .failed(error)
            }
        }
    }

    // MARK: - The collection

    /// What the collection is called in messages.
    var noun: String { format.items == .events ? "calendar" : "address book" }

    /// Creates the collection, an address book with an extended MKCOL (RFC 5689 §3, RFC 6352
    /// §6.3.1) or a calendar with MKCALENDAR (RFC 4791 §5.3.1), then checks it is there.
    private func createCollection() throws {
        let events = format.items == .events
        let created = try send(
            HTTPRequest(
                events ? .mkcalendar : .mkcol,
                url: collectionURL,
                headers: ["Content-Type": DAVBodies.xmlContentType],
                body: events ? DAVBodies.mkcalendar : DAVBodies.mkcolAddressBook
            ),
            while: "creating the \(noun)"
        )
        guard created.isSuccess else { throw failure(created, while: "creating the \(noun)") }

        let found = try send(
            HTTPRequest(
                .propfind,
                url: collectionURL,
                headers: ["Depth": "0", "Content-Type": DAVBodies.xmlContentType],
                body: DAVBodies.propfindResourceType
            ),
            while: "checking the new \(noun)"
        )
        try checkKind(found)
    }

    /// Whether a 207 answer says only that the asked resource is not there (Xandikos answers a
    /// missing collection so, rather than with a 404).
    static func saysMissing(_ multistatus: Multistatus) -> Bool {
        !multistatus.responses.isEmpty && multistatus.responses.allSatisfy { $0.status == 404 }
    }

    private func checkKind(_ response: HTTPResponse) throws {
        guard response.status == 207 else { throw failure(response, while: "checking the \(noun)") }
        let multistatus = try parse(response, while: "checking the \(noun)")
        let events = format.items == .events
        guard multistatus.responses.contains(where: { events ? $0.isCalendar : $0.isAddressBook }) else {
            throw ConnectorError(
                .invalidConfiguration,
                destination: collection.description,
                message: "the URL is a collection but not \(events ? "a calendar" : "an address book")",
                fix: events
                    ? "Point `url` at a CalDAV calendar, or at a path where one can be created"
                    : "Point `url` at a CardDAV address book, or at a path where one can be created"
            )
        }
    }
}
