import EcluseCore
import EcluseLogging
import Foundation

/// Makes the connector for one collection of a destination, from the policy's settings.
///
/// `{user}` in a setting becomes the collection's user. Relative folder paths are taken from
/// the data folder. Secrets never sit in the policy: a CardDAV password comes from the
/// environment variable that `password-env` names.
public struct ConnectorFactory: ConnectorProvider {
    public let baseFolder: URL
    public let environment: [String: String]
    public let logger: Logger
    /// The homes found for `discover` destinations during this factory's life.
    let discoveries = DiscoveredHomes()

    public init(baseFolder: URL, environment: [String: String], logger: Logger) {
        self.baseFolder = baseFolder
        self.environment = environment
        self.logger = logger
    }

    public func location(of destination: Destination, collection: CollectionKey) throws -> String {
        try checkLogin(of: destination, collection)
        switch destination.kind {
        case .vdir:
            let path = try setting("path", of: destination, for: collection)
            let folder = path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseFolder.appendingPathComponent(path)
            let absolute = folder.standardizedFileURL.path
            // A folder inside the data folder is named relative to it, so that a copy of the
            // data folder (a restored backup) writes to its own folders, not the original's.
            let base = baseFolder.standardizedFileURL.path + "/"
            return absolute.hasPrefix(base) ? Self.inDataFolder + absolute.dropFirst(base.count) : absolute
        case .carddav, .caldav:
            if destination.settings["url"] == nil, destination.settings["discover"] != nil {
                return try discoveredURL(of: destination, collection: collection)
            }
            return try setting("url", of: destination, for: collection)
        case .download, .icsFeed:
            throw Self.served(destination)
        }
    }

    public func connector(for destination: Destination, collection: CollectionKey, at location: String) throws
        -> any Connector
    {
        try checkLogin(of: destination, collection)
        switch destination.kind {
        case .vdir:
            return VdirConnector(
                collection: collection, folder: folder(at: location), format: ItemFormat(destination.items))
        case .carddav, .caldav:
            return try davConnector(for: destination, collection: collection, at: location)
        case .download, .icsFeed:
            throw Self.served(destination)
        }
    }

    /// The connector for a collection where the current policy puts it.
    public func connector(for destination: Destination, collection: CollectionKey) throws -> any Connector {
        try connector(for: destination, collection: collection, at: location(of: destination, collection: collection))
    }

    /// How a location inside the data folder starts.
    static let inDataFolder = "data:"

    /// The folder a vdir location names: inside the data folder, or absolute.
    func folder(at location: String) -> URL {
        guard location.hasPrefix(Self.inDataFolder) else { return URL(fileURLWithPath: location) }
        return baseFolder.appendingPathComponent(String(location.dropFirst(Self.inDataFolder.count)))
    }

    /// Served destinations have no connector: the sync engine never plans writes to them.
    private static func served(_ destination: Destination) -> ConnectorError {
        ConnectorError(
            .invalidConfiguration, destination: destination.name,
            message: "a \(destination.kind.rawValue) destination is served by `ecluse serve`, not synced",
            fix: "this is a bug: the sync engine should have left it out; report it")
    }

    /// Logins are checked where they enter; this second check keeps a login that slipped in
    /// (an old store, a hand-edited row) from steering `{user}` out of its folder or URL.
    private func checkLogin(of destination: Destination, _ collection: CollectionKey) throws {
        if !collection.user.isEmpty, !User.isValidLogin(collection.user) {
            throw ConnectorError(
                .invalidConfiguration, destination: destination.name,
                message: "a user's login is not a valid login, so their collection is not synced",
                fix: "logins are letters, digits, '.', '_', '-' or '@'; correct the owner in the CRM and import again")
        }
    }

    /// A setting with `{user}` replaced; throws when the policy lacks it.
    func setting(_ key: String, of destination: Destination, for collection: CollectionKey) throws -> String {
        guard let value = destination.settings[key] else {
            throw ConnectorError(
                .invalidConfiguration, destination: destination.name, message: "the setting `\(key)` is missing",
                fix: "add `\(key):` to the destination in the policy")
        }
        return value.replacingOccurrences(of: "{user}", with: collection.user)
    }
}
