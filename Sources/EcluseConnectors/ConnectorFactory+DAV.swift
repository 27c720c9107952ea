import EcluseCore
import Foundation

extension ConnectorFactory {
    /// A CardDAV or CalDAV connector for one collection at `url`: the credentials from `username` and
    /// the environment variable that `password-env` names, with `{user}` replaced.
    func davConnector(for destination: Destination, collection: CollectionKey, at url: String) throws
        -> any Connector
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
}
