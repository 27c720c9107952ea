import EcluseCore
import Foundation
import Synchronization

extension ConnectorFactory {
    /// A CardDAV or CalDAV connector for one collection at `url`: the credentials from
    /// `username` and the environment variable that `password-env` names, with `{user}` replaced.
    func davConnector(for destination: Destination, collection: CollectionKey, at url: String) throws
        -> DAVConnector
    {
        var settings: [String: String] = [:]
        for (key, value) in destination.settings {
            settings[key] = value.replacingOccurrences(of: "{user}", with: collection.user)
        }
        settings["url"] = url
        if let variable = settings["password-env"], environment[variable] == nil {
            throw ConnectorError(
                .invalidConfiguration, destination: destination.name,
                message: "the password variable \(variable) is not set",
                fix: "export \(variable) with the server's password before running Ecluse")
        }
        return try DAVConnector(
            collection: collection, settings: settings, format: ItemFormat(destination.items), environment: environment)
    }

    /// The collection's URL when the policy gives `discover`: the user's home on that server,
    /// found once per run, and the collection named by `collection` (`ecluse` by default).
    func discoveredURL(of destination: Destination, collection: CollectionKey) throws -> String {
        let root = try setting("discover", of: destination, for: collection)
        let name = destination.settings["collection"] ?? "ecluse"
        let key = "\(destination.name)\u{0}\(collection.user)\u{0}\(root)"
        if let home = discoveries.home(for: key) { return home + name + "/" }
        let home = try DAVDiscovery(connector: davConnector(for: destination, collection: collection, at: root)).home()
        discoveries.remember(home, for: key)
        return home + name + "/"
    }
}

/// The homes discovery found, so that a run asks each server once per user.
final class DiscoveredHomes: Sendable {
    private let homes = Mutex<[String: String]>([:])

    func home(for key: String) -> String? { homes.withLock { $0[key] } }

    func remember(_ home: String, for key: String) { homes.withLock { $0[key] = home } }
}
