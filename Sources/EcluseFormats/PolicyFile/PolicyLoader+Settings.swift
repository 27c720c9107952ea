import EcluseCore
import Foundation

extension PolicyLoader {
    /// Reads the connector settings of a destination as text, checking what its kind needs.
    ///
    /// Setting values are not echoed in messages: a URL may carry an account name.
    func readSettings(
        _ values: [String: YAMLPair],
        kind: DestinationKind,
        scope: DestinationScope,
        owner: String,
        at nameNode: YAMLNode,
        _ diagnostics: inout PolicyDiagnostics
    ) -> [String: String]? {
        let keys = Self.settings(for: kind)
        var settings: [String: String] = [:]
        var valid = true

        for key in keys.required where values[key] == nil {
            diagnostics.report(
                "\(owner) has no \"\(key)\"", at: nameNode,
                fix: "A \(kind.rawValue) destination needs \"\(key):\"; \(Self.hint(for: key)).")
            valid = false
        }
        for key in keys.required + keys.optional {
            guard let node = values[key]?.value else { continue }
            guard let text = diagnostics.text(node, named: "\"\(key)\"") else {
                valid = false
                continue
            }
            if !check(text, key: key, scope: scope, at: node, &diagnostics) { valid = false }
            settings[key] = text
        }
        if kind == .carddav || kind == .caldav, !checkPlace(values, settings, owner: owner, at: nameNode, &diagnostics)
        {
            valid = false
        }
        // Each user's collection must be a place of its own, or users would share one. Found
        // by discovery, it is the user's own when each user logs in as themselves.
        let location = kind == .vdir ? "path" : settings["discover"] != nil ? "username" : "url"
        if scope == .perUser, let node = values[location]?.value, let text = settings[location],
            !text.contains("{user}")
        {
            diagnostics.report(
                "\"\(location)\" of a per-user destination has no {user}, so every user would share one collection",
                at: node, fix: "Put {user} where each user's collection differs, such as out/phones/{user}.")
            valid = false
        }
        return valid ? settings : nil
    }

    /// A CardDAV or CalDAV destination names its collection (`url`) or the server where each
    /// user's is found (`discover`, with an optional `collection` name), not both.
    private func checkPlace(
        _ values: [String: YAMLPair], _ settings: [String: String], owner: String, at nameNode: YAMLNode,
        _ diagnostics: inout PolicyDiagnostics
    ) -> Bool {
        switch (values["url"], values["discover"]) {
        case (nil, nil):
            diagnostics.report(
                "\(owner) has no \"url\"", at: nameNode,
                fix: "Write \"url:\" with the collection's address, or \"discover:\" with the server's address "
                    + "so that Ecluse finds each user's home there.")
            return false
        case (.some, .some(let discover)):
            diagnostics.report(
                "\(owner) has both \"url\" and \"discover\"", at: discover.key,
                fix: "Keep \"url\" to name the collection, or \"discover\" to have Ecluse find it, not both.")
            return false
        case (.some, nil):
            if let node = values["collection"] {
                diagnostics.report(
                    "\"collection\" goes with \"discover\"; with \"url\" the address names the collection",
                    at: node.key, fix: "Remove \"collection\", or write \"discover\" instead of \"url\".")
                return false
            }
            return true
        case (nil, .some):
            if let name = settings["collection"], let node = values["collection"]?.value,
                name.isEmpty || name.contains("/") || name.hasPrefix(".") || name.contains("{")
            {
                diagnostics.report(
                    "\"collection\" should be a plain name such as ecluse", at: node,
                    fix: "Write a name without / or {user}; Ecluse makes the collection with it in each user's home.")
                return false
            }
            return true
        }
    }

    private func check(
        _ text: String,
        key: String,
        scope: DestinationScope,
        at node: YAMLNode,
        _ diagnostics: inout PolicyDiagnostics
    ) -> Bool {
        if key == "url" || key == "discover", !(text.hasPrefix("http://") || text.hasPrefix("https://")) {
            diagnostics.report(
                "\"\(key)\" should start with http:// or https://", at: node,
                fix: "Write the address book's full address, as in https://dav.example.org/{user}/contacts/.")
            return false
        }
        if key == "timeout", !(Int(text).map { (1...600).contains($0) } ?? false) {
            diagnostics.report(
                "\"timeout\" should be a whole number of seconds between 1 and 600", at: node,
                fix: "Write how long one request may take, such as timeout: 30 (the default is 60).")
            return false
        }
        if key == "path", let problem = Self.folderProblem(text) {
            diagnostics.report(
                "\"path\" \(problem)", at: node,
                fix: "Name a folder of its own, such as out/team-folder (relative to the data folder) or "
                    + "/srv/ecluse/team-folder.")
            return false
        }
        if key == "url" || key == "discover", text.contains("@") || text.contains("?") || text.contains("#") {
            diagnostics.report(
                "\"\(key)\" should hold no credentials, query or fragment", at: node,
                fix: "Put the login in \"username\" and the password in the variable \"password-env\" names.")
            return false
        }
        if scope == .shared, text.contains("{user}") {
            diagnostics.report(
                "\"{user}\" in \"\(key)\" needs a per-user destination", at: node,
                fix: "Set \"scope: per-user\", or write \"\(key)\" without {user}.")
            return false
        }
        return true
    }

    /// What is wrong with a vdir folder, or nil: it must be a folder of its own, never the data
    /// folder itself, a parent of it, the file system's root, or a path that climbs with `..`.
    static func folderProblem(_ path: String) -> String? {
        let trimmed = path.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: true)
        if parts.allSatisfy({ $0 == "." }) {
            return trimmed.hasPrefix("/")
                ? "names the root of the file system" : "names the data folder itself, where the database lives"
        }
        if parts.contains("..") { return "climbs out of its folder with \"..\"" }
        if trimmed.hasPrefix("~") { return "starts with \"~\", which Ecluse does not expand" }
        return nil
    }

    private static func hint(for key: String) -> String {
        switch key {
        case "path": "a folder, relative to the data folder unless absolute"
        case "url": "the address book's http:// or https:// address"
        default: "see sample/policy.yaml"
        }
    }
}
