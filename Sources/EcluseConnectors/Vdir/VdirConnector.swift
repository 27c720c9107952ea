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
    /// `folder`'s path, worked out once: Foundation's URL methods, called for each file, were a
    /// sixth of the CPU time of a first sync of 10,000 cards.
    private let path: String

    public var preferredBatchSize: Int { 64 }

    public init(collection: CollectionKey, folder: URL, format: ItemFormat = ItemFormat(.contacts)) {
        self.collection = collection
        self.folder = folder
        self.format = format
        self.path = folder.path
    }

    public func prepare() throws {
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            throw ConnectorError(
                .invalidConfiguration, destination: collection.description,
                message: "the destination's path \(path) is a file, not a folder",
                fix: "point `path` at a folder (Ecluse creates it when it is missing)")
        }
        do {
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw failure(
                .io, "cannot create the folder \(path)", fix: "check the path and its permissions",
                error)
        }
        sweepTemporaryFiles()
    }

    /// Removes the temporary files a run killed mid-write left behind: they hold whole cards,
    /// and no later run would otherwise take them back. Runs hold the data folder's lock, so
    /// no other run is writing them now.
    private func sweepTemporaryFiles() {
        let names = (try? fileManager.contentsOfDirectory(atPath: path)) ?? []
        for name in names where name.hasPrefix(".ecluse-") && name.hasSuffix(".tmp") {
            unlink(path + "/" + name)
        }
    }

    public func listItems() throws -> [RemoteItem] {
        // A folder someone removed holds nothing: every copy in it has drifted, and `prepare`
        // makes the folder again before they are written back.
        guard fileManager.fileExists(atPath: path) else { return [] }
        let names: [String]
        do { names = try fileManager.contentsOfDirectory(atPath: path) } catch {
            throw failure(
                .io, "cannot list the folder \(path)", fix: "check that it exists and is readable",
                error)
        }
        return names.filter { $0.hasSuffix(format.fileExtension) }.sorted().map { name in
            RemoteItem(remoteID: name, etag: etag(ofFileAt: path + "/" + name))
        }
    }

    /// Reads the files back, so that a file another program rewrote with the same content (a
    /// new modification time) is not taken for a change.
    public func contents(of remoteIDs: [String]) throws -> [ItemContent] {
        try remoteIDs.compactMap { name in
            let file = path + "/" + (try checked(name))
            guard let data = fileManager.contents(atPath: file) else { return nil }
            return ItemContent(remoteID: name, etag: etag(ofFileAt: file), bytes: Array(data))
        }
    }

    /// Applies a batch in three steps: every card is written to a temporary file; one
    /// `syncfs` puts them all on disk; then each is renamed into place and the folder is
    /// flushed. A crash at any moment leaves whole cards or none, at the cost of one flush per
    /// batch instead of one per card. Files are named relative to the folder, opened once.
    public func apply(_ operations: [PlannedOperation]) throws -> [OperationOutcome] {
        let directory = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else {
            let error = posixFailure("cannot open the folder")
            return operations.map { _ in .failed(error) }
        }
        defer { close(directory) }
        var outcomes = [OperationOutcome?](repeating: nil, count: operations.count)
        var staged: [(index: Int, temporary: String, name: String)] = []
        for (index, operation) in operations.enumerated() {
            do {
                switch operation {
                case .create(let copy):
                    let name = copy.copyUID + format.fileExtension
                    staged.append((index, try stage(copy, named: name, in: directory), name))
                case .update(let copy, let existing):
                    staged.append((index, try stage(copy, named: existing.remoteID, in: directory), existing.remoteID))
                case .delete(let record):
                    outcomes[index] = try remove(record, in: directory)
                }
            } catch {
                outcomes[index] = .failed(connectorError(error, "an item could not be written"))
            }
        }
        // Cards that cannot be put on disk are not renamed into place: they fail, and the next
        // run writes them again.
        if !staged.isEmpty, linuxSyncfs(directory) != 0 {
            let error = posixFailure("cannot put the written items on disk")
            for item in staged {
                unlinkat(directory, item.temporary, 0)
                outcomes[item.index] = .failed(error)
            }
            staged = []
        }
        for item in staged {
            if renameat(directory, item.temporary, directory, item.name) == 0 {
                outcomes[item.index] = .written(remoteID: item.name, etag: etag(of: item.name, in: directory))
            } else {
                let code = errno
                unlinkat(directory, item.temporary, 0)
                outcomes[item.index] = .failed(
                    failure(
                        .io, "cannot move an item into place", fix: "check the folder's permissions",
                        POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)))
            }
        }
        // Renames and removals are durable before the ledger records them.
        fsync(directory)
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

    /// `name` once it is known to be one of Ecluse's item names.
    private func checked(_ name: String) throws -> String {
        guard Self.isItemName(name) else {
            throw ConnectorError(
                .invalidConfiguration, destination: collection.description,
                message: "a copy's recorded file name is not one Ecluse writes; it was left alone",
                fix: "the copies table was changed by hand; restore the data folder from a backup")
        }
        return name
    }

    /// Writes `copy` to a temporary file next to its target in `directory`, without flushing
    /// it; returns the temporary file's name.
    private func stage(_ copy: DesiredCopy, named name: String, in directory: Int32) throws -> String {
        let target = try checked(name)
        let temporary = ".\(target).\(ProcessInfo.processInfo.processIdentifier).tmp"
        let bytes = format.bytes(of: copy)
        let descriptor = openat(directory, temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw posixFailure("cannot write an item") }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let failure = posixFailure("cannot write an item")
                close(descriptor)
                unlinkat(directory, temporary, 0)
                throw failure
            }
            written += count
        }
        close(descriptor)
        return temporary
    }

    private func posixFailure(_ message: String) -> ConnectorError {
        failure(
            .io, message, fix: "check the free space and the folder's permissions",
            POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
    }

    private func connectorError(_ error: any Error, _ message: String) -> ConnectorError {
        (error as? ConnectorError) ?? failure(.io, message, fix: nil, error)
    }

    private func remove(_ record: CopyRecord, in directory: Int32) throws -> OperationOutcome {
        let target = try checked(record.remoteID)
        if unlinkat(directory, target, 0) != 0, errno != ENOENT {
            throw failure(
                .io, "cannot remove an item", fix: "check the folder's permissions",
                POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
        }
        return .deleted
    }

    private func etag(ofFileAt file: String) -> String? {
        var info = stat()
        guard stat(file, &info) == 0 else { return nil }
        return Self.etag(of: info)
    }

    private func etag(of name: String, in directory: Int32) -> String? {
        var info = stat()
        guard fstatat(directory, name, &info, 0) == 0 else { return nil }
        return Self.etag(of: info)
    }

    /// A file's version tag: its size and modification time, as vdir clients compare them.
    private static func etag(of info: stat) -> String {
        "\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
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
