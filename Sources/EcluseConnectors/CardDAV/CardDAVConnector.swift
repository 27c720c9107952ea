import EcluseCore
import EcluseFormats
import Foundation

/// One CardDAV address book (RFC 6352), written item by item over HTTP.
///
/// Items are `<address book>/<copy UID>.vcf`, so an item left by a crashed run is found again
/// at the same href. Every write is conditional (`If-None-Match: *` to create, `If-Match` to
/// change), and only hrefs Ecluse was given are ever written, so a user's own cards are left
/// alone (promise 7). No body is logged or put in an error: cards carry personal data.
///
/// Holds an `HTTPClient`, so it is confined to one thread at a time, like every connector.
public final class CardDAVConnector: Connector {
    public let collection: CollectionKey
    public let preferredBatchSize = 1
    /// The address book's URL, ending with a slash.
    public let addressBookURL: String

    let client: HTTPClient
    /// Waits between retries; tests replace it so they do not sleep.
    var pause: (Double) -> Void = { seconds in Thread.sleep(forTimeInterval: seconds) }
    /// `scheme://host[:port]` of `addressBookURL`, to turn server-relative hrefs into URLs.
    let origin: String
    /// The path of `addressBookURL`, ending with a slash, as hrefs of its members start.
    let collectionPath: String
    let writer = VCardWriter()

    /// Opens the address book at `addressBookURL`, logging in with `credentials` when given.
    ///
    /// Throws `ConnectorError` with code `.invalidConfiguration` when the URL is not an
    /// http or https URL with a host.
    public init(
        collection: CollectionKey,
        addressBookURL: String,
        credentials: Credentials?,
        http: HTTPClient.Configuration = HTTPClient.Configuration()
    ) throws {
        self.collection = collection
        let url = addressBookURL.hasSuffix("/") ? addressBookURL : addressBookURL + "/"
        guard let (origin, path) = Self.split(url) else {
            throw ConnectorError(
                .invalidConfiguration,
                destination: collection.description,
                message: "the setting `url` is not an http or https URL",
                fix: "Write the address book's full URL, such as https://dav.example.org/alice/contacts/"
            )
        }
        self.addressBookURL = url
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

    /// Opens the address book a destination's settings describe.
    ///
    /// Reads `url` (with `{user}` already replaced by the caller), `username`, and the
    /// password from the environment variable named by `password-env` (or from `password`,
    /// meant for tests). Throws `ConnectorError` with code `.invalidConfiguration` naming the
    /// missing setting or variable, never a password.
    public convenience init(
        collection: CollectionKey,
        settings: [String: String],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        http: HTTPClient.Configuration = HTTPClient.Configuration()
    ) throws {
        let destination = collection.description
        guard let url = settings["url"], !url.isEmpty else {
            throw ConnectorError(
                .invalidConfiguration,
                destination: destination,
                message: "the setting `url` is missing",
                fix: "Add `url:` with the address book's URL to the destination"
            )
        }
        let credentials = try Self.credentials(from: settings, environment: environment, destination: destination)
        try self.init(collection: collection, addressBookURL: url, credentials: credentials, http: http)
    }

    public func prepare() throws {
        let found = try send(
            HTTPRequest(
                .propfind,
                url: addressBookURL,
                headers: ["Depth": "0", "Content-Type": CardDAVBodies.xmlContentType],
                body: CardDAVBodies.propfindResourceType
            ),
            while: "checking the address book"
        )
        if found.status == 404 {
            try createAddressBook()
            return
        }
        try checkIsAddressBook(found)
    }

    public func listItems() throws -> [RemoteItem] {
        let response = try send(
            HTTPRequest(
                .propfind,
                url: addressBookURL,
                headers: ["Depth": "1", "Content-Type": CardDAVBodies.xmlContentType],
                body: CardDAVBodies.propfindETags
            ),
            while: "listing the address book"
        )
        guard response.status == 207 else { throw failure(response, while: "listing the address book") }

        let multistatus = try parse(response, while: "listing the address book")
        return multistatus.responses.compactMap { member in
            let href = path(of: member.href)
            // The collection answers for itself at Depth 1; sub-collections are not cards.
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

    // MARK: - Address book

    /// Creates the address book with an extended MKCOL (RFC 5689), then checks it is there.
    private func createAddressBook() throws {
        let created = try send(
            HTTPRequest(
                .mkcol,
                url: addressBookURL,
                headers: ["Content-Type": CardDAVBodies.xmlContentType],
                body: CardDAVBodies.mkcolAddressBook
            ),
            while: "creating the address book"
        )
        guard created.isSuccess else { throw failure(created, while: "creating the address book") }

        let found = try send(
            HTTPRequest(
                .propfind,
                url: addressBookURL,
                headers: ["Depth": "0", "Content-Type": CardDAVBodies.xmlContentType],
                body: CardDAVBodies.propfindResourceType
            ),
            while: "checking the new address book"
        )
        try checkIsAddressBook(found)
    }

    private func checkIsAddressBook(_ response: HTTPResponse) throws {
        guard response.status == 207 else { throw failure(response, while: "checking the address book") }
        let multistatus = try parse(response, while: "checking the address book")
        let isAddressBook = multistatus.responses.contains { $0.isAddressBook }
        guard isAddressBook else {
            throw ConnectorError(
                .invalidConfiguration,
                destination: collection.description,
                message: "the URL is a collection but not an address book",
                fix: "Point `url` at a CardDAV address book, or at a path where one can be created"
            )
        }
    }
}
