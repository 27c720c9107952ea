import EcluseConnectors
import EcluseCore
import Synchronization

/// A destination in memory, for tests of the sync engine: it keeps the copies it was sent and
/// can be told to fail.
public final class InMemoryConnector: Connector {
    public let collection: CollectionKey
    public private(set) var items: [String: DesiredCopy] = [:]
    public private(set) var writes = 0
    public private(set) var deletes = 0
    /// Subjects whose writes the fake refuses.
    public var refusing: Set<SubjectID> = []
    /// When set, `apply` throws as if the destination did not answer.
    public var unreachable = false
    private var version = 0
    /// Each item's version tag, as `listItems` reports it.
    private var etags: [String: String] = [:]

    /// Items another program rewrote, with what it wrote.
    private var foreign: [String: [UInt8]] = [:]

    /// Changes an item as another program would: new content under a new version tag, or
    /// none when `removing`.
    public func tamper(with remoteID: String, removing: Bool = false) {
        version += 1
        etags[remoteID] = removing ? nil : "other-\(version)"
        foreign[remoteID] = removing ? nil : Array("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Changed\r\nEND:VCARD\r\n".utf8)
        if removing { items[remoteID] = nil }
    }

    /// Gives an item a new version tag and leaves its content, as a server that rewrites what
    /// it stores does.
    public func retag(_ remoteID: String) {
        version += 1
        etags[remoteID] = "retagged-\(version)"
    }

    /// How many items `contents(of:)` was asked for, over all calls.
    public private(set) var itemsReadBack = 0

    public func contents(of remoteIDs: [String]) throws -> [ItemContent] {
        itemsReadBack += remoteIDs.count
        return remoteIDs.compactMap { remoteID in
            guard let copy = items[remoteID] else { return nil }
            let format = ItemFormat(copy.contact == nil ? .events : .contacts)
            return ItemContent(
                remoteID: remoteID, etag: etags[remoteID], bytes: foreign[remoteID] ?? format.bytes(of: copy))
        }
    }

    public init(collection: CollectionKey) { self.collection = collection }

    public var preferredBatchSize: Int { 10 }

    public func prepare() throws {
        if unreachable { throw ConnectorError(.unreachable, destination: collection.description, message: "down") }
    }

    public func listItems() throws -> [RemoteItem] {
        items.keys.sorted().map { RemoteItem(remoteID: $0, etag: etags[$0]) }
    }

    public func apply(_ operations: [PlannedOperation]) throws -> [OperationOutcome] {
        if unreachable { throw ConnectorError(.unreachable, destination: collection.description, message: "down") }
        return operations.map { operation in
            if refusing.contains(operation.subject) {
                return .failed(ConnectorError(.refused, destination: collection.description, message: "refused"))
            }
            version += 1
            switch operation {
            case .create(let copy):
                writes += 1
                items[copy.copyUID] = copy
                foreign[copy.copyUID] = nil
                etags[copy.copyUID] = "\(version)"
                return .written(remoteID: copy.copyUID, etag: "\(version)")
            case .update(let copy, let existing):
                writes += 1
                items[existing.remoteID] = copy
                foreign[existing.remoteID] = nil
                etags[existing.remoteID] = "\(version)"
                return .written(remoteID: existing.remoteID, etag: "\(version)")
            case .delete(let record):
                deletes += 1
                items[record.remoteID] = nil
                etags[record.remoteID] = nil
                foreign[record.remoteID] = nil
                return .deleted
            }
        }
    }
}
