import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive lock on a data folder, held by the commands that write (import, sync).
///
/// Two syncs planning from the same copies table would each apply the whole plan and ledger
/// every change twice; the lock makes the second one stop and say so. It is an advisory
/// `flock` on `ecluse.lock`, released by the kernel when the process ends, however it ends.
///
/// `ecluse run` also holds a second lock, `run.lock`, for as long as it loops: a second loop on
/// the same folder is refused at once instead of taking turns with the first.
final class DataFolderLock {
    /// Which of the folder's two locks.
    enum Kind {
        /// `ecluse.lock`, held by each import and each sync pass.
        case writer
        /// `run.lock`, held by `ecluse run` while it loops.
        case runLoop

        var file: String { self == .writer ? "ecluse.lock" : "run.lock" }
    }

    private let descriptor: Int32

    /// Takes the lock, or throws naming the process that holds it.
    init(folder: URL, command: String, kind: Kind = .writer) throws {
        let path = folder.appendingPathComponent(kind.file).path
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
            let who = holder.isEmpty ? "" : " (\(holder))"
            switch kind {
            case .writer:
                throw CLIError(
                    "another Ecluse command is working on this data folder\(who)",
                    fix: command == "run"
                        ? "nothing to do: `ecluse run` tries again once it has finished"
                        : "run `ecluse \(command)` again when it has finished",
                    exitCode: .failure)
            case .runLoop:
                throw CLIError(
                    "`ecluse run` is already keeping this data folder in step\(who)",
                    fix: "let it do the syncing, or stop it (SIGTERM) before starting another", exitCode: .failure)
            }
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
