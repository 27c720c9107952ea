import EcluseCore

extension ConnectorFactory {
    func cardDAVConnector(for destination: Destination, collection: CollectionKey) throws -> any Connector {
        throw ConnectorError(.invalidConfiguration, destination: destination.name, message: "CardDAV is not wired yet")
    }
}
