import EcluseCore
import Foundation

extension ConnectorFactory {
    /// A CardDAV connector for one collection: `url`, `username` and the password from the
    /// environment variable that `password-env` names, with `{user}` replaced.
    func cardDAVConnector(for destination: Destination, collection: CollectionKey) throws -> any Connector {
        var settings: [String: String] = [:]
        for (key, value) in destination.settings {
            settings[key] = value.replacingOccurrences(of: "{user}", with: collection.user)
        }
        if let variable = settings["password-env"], environment[variable] == nil {
            throw ConnectorError(
                .invalidConfiguration, destination: destination.name,
                message: "the password variable \(variable) is not set",
                fix: "export \(variable) with the CardDAV password before running Ecluse")
        }
        return try CardDAVConnector(collection: collection, settings: settings, environment: environment)
    }
}
