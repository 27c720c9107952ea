import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Headless Chromium driven through the DevTools protocol over `--remote-debugging-pipe`.
///
/// With that flag the browser reads commands from fd 3 and writes answers and events to
/// fd 4, each message one JSON object followed by a NUL byte: no WebSocket is needed. The
/// browser runs in a process group of its own, with a throwaway profile; `close()` ends it
/// (and its helper processes) by that group's id.
final class Chromium {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// The browser Debian installs (`apt-get install chromium`), or nil.
    static var executable: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private let pid: pid_t
    private let commands: Int32
    private let answers: Int32
    private let profile = FileManager.default.temporaryDirectory
        .appendingPathComponent("ecluse-chromium-\(UUID().uuidString.prefix(8))")
    private var buffer: [UInt8] = []
    private var nextID = 0
    private var sessionID: String?
    private var closed = false

    /// Starts the browser and opens one page of `width`×`height` CSS pixels, as a phone.
    init(width: Int = 390, height: Int = 844) throws {
        guard let executable = Self.executable else { throw Failure("chromium is not installed") }
        let toBrowser = try Self.makePipe()
        let fromBrowser = try Self.makePipe()
        let arguments = [
            executable, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
            "--user-data-dir=\(profile.path)", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-sync", "--disable-breakpad",
            "--disable-crash-reporter",
            "--window-size=\(width),\(height)", "about:blank",
        ]
        pid = try Self.spawn(arguments, stdinFrom: toBrowser.read, stdoutTo: fromBrowser.write)
        Glibc.close(toBrowser.read)
        Glibc.close(fromBrowser.write)
        commands = toBrowser.write
        answers = fromBrowser.read

        let target = try send("Target.createTarget", ["url": "about:blank"])
        guard let targetID = target["targetId"] as? String else { throw Failure("no target: \(target)") }
        let attached = try send("Target.attachToTarget", ["targetId": targetID, "flatten": true])
        sessionID = attached["sessionId"] as? String
        try send("Page.enable")
        try send("Network.enable")
        try send(
            "Emulation.setDeviceMetricsOverride",
            ["width": width, "height": height, "deviceScaleFactor": 2, "mobile": true])
    }

    deinit { close() }

    /// Loads `url` and waits until the document is complete.
    func navigate(_ url: String) throws {
        try send("Page.navigate", ["url": url])
        try waitUntil("location.href === \(Self.quoted(url)) && document.readyState === 'complete'")
    }

    /// The value of a JavaScript expression in the page (a string, number, boolean or nil).
    @discardableResult
    func evaluate(_ expression: String) throws -> Any? {
        let result = try send("Runtime.evaluate", ["expression": expression, "returnByValue": true])
        if let exception = result["exceptionDetails"] { throw Failure("script failed: \(exception)") }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Waits until `condition` (JavaScript) is true, at most `seconds`.
    func waitUntil(_ condition: String, seconds: Double = 15) throws {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if (try? evaluate("(() => { try { return !!(\(condition)) } catch (e) { return false } })()")) as? Bool
                == true
            {
                return
            }
            usleep(50_000)
        }
        throw Failure("timed out waiting for \(condition)")
    }

    /// A PNG of the viewport, written to `file`.
    func screenshot(to file: URL) throws {
        let result = try send("Page.captureScreenshot", ["format": "png"])
        guard let base64 = result["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw Failure("no screenshot data")
        }
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    /// Presses the Tab key, as a keyboard user moving to the next control.
    func pressTab() throws {
        for type in ["keyDown", "keyUp"] {
            try send(
                "Input.dispatchKeyEvent",
                ["type": type, "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9, "nativeVirtualKeyCode": 9])
        }
    }

    /// Changes the page's size, as a phone of another width.
    func resize(width: Int, height: Int) throws {
        try send(
            "Emulation.setDeviceMetricsOverride",
            ["width": width, "height": height, "deviceScaleFactor": 2, "mobile": true])
    }

    /// The cookies the browser holds for `url`, as the protocol describes them.
    func cookies(for url: String) throws -> [[String: Any]] {
        try send("Network.getCookies", ["urls": [url]])["cookies"] as? [[String: Any]] ?? []
    }

    /// Closes the browser: politely, then by force after 5 seconds; its helpers go with its group.
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? write(["id": 999_999, "method": "Browser.close"])
        var status: Int32 = 0
        let end = Date().addingTimeInterval(5)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > end {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(20_000)
        }
        // The renderer and zygote helpers are in the browser's process group.
        kill(-pid, SIGKILL)
        Glibc.close(commands)
        Glibc.close(answers)
        try? FileManager.default.removeItem(at: profile)
    }

    // MARK: The protocol

    @discardableResult
    private func send(_ method: String, _ parameters: [String: Any] = [:]) throws -> [String: Any] {
        nextID += 1
        let id = nextID
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if let sessionID, !method.hasPrefix("Target.") { message["sessionId"] = sessionID }
        try write(message)
        let end = Date().addingTimeInterval(30)
        while true {
            let answer = try readMessage(until: end)
            guard answer["id"] as? Int == id else { continue }
            if let error = answer["error"] { throw Failure("\(method) failed: \(error)") }
            return answer["result"] as? [String: Any] ?? [:]
        }
    }

    private func write(_ message: [String: Any]) throws {
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(commands, $0.baseAddress, $0.count) }
            guard written > 0 else { throw Failure("the browser closed its command pipe") }
            offset += written
        }
    }

    private func readMessage(until end: Date) throws -> [String: Any] {
        while true {
            if let zero = buffer.firstIndex(of: 0) {
                let message = Array(buffer[..<zero])
                buffer.removeSubrange(...zero)
                let object = try JSONSerialization.jsonObject(with: Data(message))
                return object as? [String: Any] ?? [:]
            }
            let remaining = Int32(max(0, end.timeIntervalSinceNow * 1000))
            var descriptor = pollfd(fd: answers, events: Int16(POLLIN), revents: 0)
            guard remaining > 0, poll(&descriptor, 1, remaining) > 0 else { throw Failure("the browser is silent") }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { read(answers, $0.baseAddress, $0.count) }
            guard count > 0 else { throw Failure("the browser closed its answer pipe") }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    // MARK: The process

    /// A pipe whose ends are above fd 9 and close on exec, so they can be placed on 3 and 4
    /// in the child without clobbering each other.
    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard Glibc.pipe(&ends) == 0 else { throw Failure("pipe failed: errno \(errno)") }
        let high = ends.map { fcntl($0, F_DUPFD_CLOEXEC, 10) }
        ends.forEach { Glibc.close($0) }
        return (high[0], high[1])
    }

    /// Starts `arguments` in a new process group with fd 3 and 4 set, every signal at its
    /// default and none blocked (the test runner's threads block some; a child would inherit
    /// that mask and never see SIGTERM).
    private static func spawn(_ arguments: [String], stdinFrom commands: Int32, stdoutTo answers: Int32) throws
        -> pid_t
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, commands, 3)
        posix_spawn_file_actions_adddup2(&actions, answers, 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        let flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard status == 0 else { throw Failure("posix_spawn failed: \(status)") }
        return pid
    }

    private static func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}
