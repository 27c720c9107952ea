import EcluseCore
import EcluseFormats
import Foundation

/// A folder with one `.vcf` file per contact: the vdir layout that khard and vdirsyncer read.
///
/// Items are named `<copy UID>.vcf`. Ecluse writes a file to a temporary name and renames it,
/// so a reader never sees half a card and a crash never leaves one. Files it did not name are
/// never opened, changed or removed (promise 7). The version tag of an item is its size and
/// modification time, as vdir clients use it.
public final class VdirConnector: Connector {
    public let collection: CollectionKey
    public let folder: URL
    private let version: VCardVersion
    private let writer = VCardWriter()
    private let fileManager = FileManager.default

    public var preferredBatchSize: Int { 64 }

    public init(collection: CollectionKey, folder: URL, version: VCardVersion = .v30) {
        self.collection = collection
        self.folder = folder
        self.version = version
    }

    public func prepare() throws {
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: folder.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw ConnectorError(
                .invalidConfiguration, destination: collection.description,
                message: "the destination's path \(folder.path) is a file, not a folder",
                fix: "point `path` at a folder (Ecluse creates it when it is missing)")
        }
        do {
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw failure(
                .io, "cannot create the folder \(folder.path)", fix: "check the path and its permissions",
                error)
        }
        sweepTemporaryFiles()
    }

    /// Removes the temporary files a run killed mid-write left behind: they hold whole cards,
    /// and no later run would otherwise take them back. Runs hold the data folder's lock, so
    /// no other run is writing them now.
    private func sweepTemporaryFiles() {
        let names = (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix(".ecluse-") && name.hasSuffix(".tmp") {
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    public func listItems() throws -> [RemoteItem] {
        let names: [String]
        do { names = try fileManager.contentsOfDirectory(atPath: folder.path) } catch {
            throw failure(
                .io, "cannot list the folder \(folder.path)", fix: "check that it exists and is readable",
                error)
        }
        return names.filter { $0.hasSuffix(".vcf") }.sorted().map { name in
            RemoteItem(remoteID: name, etag: etag(of: folder.appendingPathComponent(name)))
        }
    }

    public func apply(_ operations: [PlannedOperation]) throws -> [OperationOutcome] {
        operations.map { operation in
            do {
                switch operation {
                case .create(let copy): return try write(copy, named: "\(copy.copyUID).vcf")
                case .update(let copy, let existing): return try write(copy, named: existing.remoteID)
                case .delete(let record): return try remove(record)
                }
            } catch let error as ConnectorError {
                return .failed(error)
            } catch {
                return .failed(failure(.io, "an item could not be written", fix: nil, error))
            }
        }
    }

    /// Whether `name` is one of Ecluse's item names: one path component, ending in `.vcf`.
    ///
    /// Names come from the copies table; a row edited to `../../x.vcf` must not make Ecluse
    /// write or delete outside its folder.
    static func isItemName(_ name: String) -> Bool {
        name.hasSuffix(".vcf") && !name.hasPrefix(".") && !name.contains("/") && !name.contains("\0")
            && name.utf8.count <= 255
    }

    private func checked(_ name: String) throws -> URL {
        guard Self.isItemName(name) else {
            throw ConnectorError(
                .invalidConfiguration, destination: collection.description,
                message: "a copy's recorded file name is not one Ecluse writes; it was left alone",
                fix: "the copies table was changed by hand; restore the data folder from a backup")
        }
        return folder.appendingPathComponent(name)
    }

    private func write(_ copy: DesiredCopy, named name: String) throws -> OperationOutcome {
        let target = try checked(name)
        let temporary = folder.appendingPathComponent(".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
        let card = writer.write(copy.content, uid: copy.copyUID, version: version)
        do {
            try Data(card.utf8).write(to: temporary)
            if rename(temporary.path, target.path) != 0 {
                let code = errno
                try? fileManager.removeItem(at: temporary)
                throw failure(
                    .io, "cannot move an item into place", fix: "check the folder's permissions",
                    POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO))
            }
        } catch let error as ConnectorError {
            throw error
        } catch {
            throw failure(.io, "cannot write an item", fix: "check the free space and the folder's permissions", error)
        }
        return .written(remoteID: name, etag: etag(of: target))
    }

    private func remove(_ record: CopyRecord) throws -> OperationOutcome {
        let target = try checked(record.remoteID)
        if unlink(target.path) != 0, errno != ENOENT {
            throw failure(
                .io, "cannot remove an item", fix: "check the folder's permissions",
                POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
        }
        return .deleted
    }

    private func etag(of file: URL) -> String? {
        var info = stat()
        guard stat(file.path, &info) == 0 else { return nil }
        return "\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    private func failure(_ code: ConnectorError.Code, _ message: String, fix: String?, _ cause: any Error)
        -> ConnectorError
    {
        ConnectorError(code, destination: collection.description, message: message, fix: fix, detail: "\(cause)")
    }
}
