import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive lock on a data folder, held by the commands that write (import, sync).
///
/// Two syncs planning from the same copies table would each apply the whole plan and ledger
/// every change twice; the lock makes the second one stop and say so. It is an advisory
/// `flock` on `ecluse.lock`, released by the kernel when the process ends, however it ends.
final class DataFolderLock {
    private let descriptor: Int32

    /// Takes the lock, or throws naming the process that holds it.
    init(folder: URL, command: String) throws {
        let path = folder.appendingPathComponent("ecluse.lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CLIError(
                "cannot open \(path) to lock the data folder", fix: "check the folder's permissions",
                exitCode: .failure)
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder =
                (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw CLIError(
                "another Ecluse command is working on this data folder\(holder.isEmpty ? "" : " (\(holder))")",
                fix: "run `ecluse \(command)` again when it has finished", exitCode: .failure)
        }
        let note = "pid \(getpid()), ecluse \(command)\n"
        ftruncate(descriptor, 0)
        _ = note.withCString { write(descriptor, $0, strlen($0)) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
