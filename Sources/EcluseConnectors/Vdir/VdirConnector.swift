import EcluseCore
import EcluseFormats
import Foundation

/// A folder with one `.vcf` file per contact, or one `.ics` file per appointment: the vdir
/// layout that khard, khal and vdirsyncer read.
///
/// Items are named `<copy UID>.vcf` (or `.ics`). Ecluse writes a file to a temporary name and renames it,
/// so a reader never sees half a card and a crash never leaves one. Files it did not name are
/// never opened, changed or removed (promise 7). The version tag of an item is its size and
/// modification time, as vdir clients use it.
public final class VdirConnector: Connector {
    public let collection: CollectionKey
    public let folder: URL
    private let format: ItemFormat
    private let fileManager = FileManager.default

    public var preferredBatchSize: Int { 64 }

    public init(collection: CollectionKey, folder: URL, format: ItemFormat = ItemFormat(.contacts)) {
        self.collection = collection
        self.folder = folder
        self.format = format
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
        // A folder someone removed holds nothing: every copy in it has drifted, and `prepare`
        // makes the folder again before they are written back.
        guard fileManager.fileExists(atPath: folder.path) else { return [] }
        let names: [String]
        do { names = try fileManager.contentsOfDirectory(atPath: folder.path) } catch {
            throw failure(
                .io, "cannot list the folder \(folder.path)", fix: "check that it exists and is readable",
                error)
        }
        return names.filter { $0.hasSuffix(format.fileExtension) }.sorted().map { name in
            RemoteItem(remoteID: name, etag: etag(of: folder.appendingPathComponent(name)))
        }
    }

    /// Reads the files back, so that a file another program rewrote with the same content (a
    /// new modification time) is not taken for a change.
    public func contents(of remoteIDs: [String]) throws -> [ItemContent] {
        try remoteIDs.compactMap { name in
            let file = try checked(name)
            guard let data = fileManager.contents(atPath: file.path) else { return nil }
            return ItemContent(remoteID: name, etag: etag(of: file), bytes: Array(data))
        }
    }

    /// Applies a batch in three steps: every card is written to a temporary file; one
    /// `syncfs` puts them all on disk; then each is renamed into place and the folder is
    /// flushed. A crash at any moment leaves whole cards or none, at the cost of one flush per
    /// batch instead of one per card.
    public func apply(_ operations: [PlannedOperation]) throws -> [OperationOutcome] {
        var outcomes = [OperationOutcome?](repeating: nil, count: operations.count)
        var staged: [(index: Int, temporary: URL, target: URL, name: String)] = []
        for (index, operation) in operations.enumerated() {
            do {
                switch operation {
                case .create(let copy):
                    let name = copy.copyUID + format.fileExtension
                    let (temporary, target) = try stage(copy, named: name)
                    staged.append((index, temporary, target, name))
                case .update(let copy, let existing):
                    let (temporary, target) = try stage(copy, named: existing.remoteID)
                    staged.append((index, temporary, target, existing.remoteID))
                case .delete(let record):
                    outcomes[index] = try remove(record)
                }
            } catch {
                outcomes[index] = .failed(connectorError(error, "an item could not be written"))
            }
        }
        // Cards that cannot be put on disk are not renamed into place: they fail, and the next
        // run writes them again.
        if !staged.isEmpty, !flush(wholeFileSystem: true) {
            let error = posixFailure("cannot put the written items on disk")
            for item in staged {
                unlink(item.temporary.path)
                outcomes[item.index] = .failed(error)
            }
            staged = []
        }
        for item in staged {
            if rename(item.temporary.path, item.target.path) == 0 {
                outcomes[item.index] = .written(remoteID: item.name, etag: etag(of: item.target))
            } else {
                let code = errno
                unlink(item.temporary.path)
                outcomes[item.index] = .failed(
                    failure(
                        .io, "cannot move an item into place", fix: "check the folder's permissions",
                        POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)))
            }
        }
        flush(wholeFileSystem: false)
        return outcomes.map { $0 ?? .failed(failure(.io, "an item was not applied", fix: nil, POSIXError(.EIO))) }
    }

    /// Whether `name` is one of Ecluse's item names: one path component, ending in `.vcf` or
    /// `.ics`.
    ///
    /// Names come from the copies table; a row edited to `../../x.vcf` must not make Ecluse
    /// write or delete outside its folder.
    static func isItemName(_ name: String) -> Bool {
        (name.hasSuffix(".vcf") || name.hasSuffix(".ics")) && !name.hasPrefix(".") && !name.contains("/")
            && !name.contains("\0")
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

    /// Writes `copy` to a temporary file next to its target, without flushing it.
    private func stage(_ copy: DesiredCopy, named name: String) throws -> (temporary: URL, target: URL) {
        let target = try checked(name)
        let temporary = folder.appendingPathComponent(".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
        let bytes = format.bytes(of: copy)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw posixFailure("cannot write an item") }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let failure = posixFailure("cannot write an item")
                close(descriptor)
                unlink(temporary.path)
                throw failure
            }
            written += count
        }
        close(descriptor)
        return (temporary, target)
    }

    /// Puts what was written on disk: with `wholeFileSystem`, every file of the folder's file
    /// system (`syncfs`, one call for a whole batch of new files); otherwise the folder itself,
    /// so that renames and removals are durable before the ledger records them. False when the
    /// folder cannot be opened or the kernel reports a write error.
    @discardableResult
    private func flush(wholeFileSystem: Bool) -> Bool {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return (wholeFileSystem ? linuxSyncfs(descriptor) : fsync(descriptor)) == 0
    }

    private func posixFailure(_ message: String) -> ConnectorError {
        failure(
            .io, message, fix: "check the free space and the folder's permissions",
            POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
    }

    private func connectorError(_ error: any Error, _ message: String) -> ConnectorError {
        (error as? ConnectorError) ?? failure(.io, message, fix: nil, error)
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

/// glibc's `syncfs(2)`, which Swift's Glibc module does not import (it is declared only under
/// `_GNU_SOURCE`). It takes one descriptor and returns 0 or -1, so the Swift signature matches.
@_silgen_name("syncfs")
private func linuxSyncfs(_ descriptor: Int32) -> Int32
