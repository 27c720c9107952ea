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
        // Each user's collection must be a place of its own, or users would share one.
        let location = kind == .vdir ? "path" : "url"
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

    private func check(
        _ text: String,
        key: String,
        scope: DestinationScope,
        at node: YAMLNode,
        _ diagnostics: inout PolicyDiagnostics
    ) -> Bool {
        if key == "url", !(text.hasPrefix("http://") || text.hasPrefix("https://")) {
            diagnostics.report(
                "\"url\" should start with http:// or https://", at: node,
                fix: "Write the address book's full address, as in https://dav.example.org/{user}/contacts/.")
            return false
        }
        if key == "path", let problem = Self.folderProblem(text) {
            diagnostics.report(
                "\"path\" \(problem)", at: node,
                fix: "Name a folder of its own, such as out/team-folder (relative to the data folder) or "
                    + "/srv/ecluse/team-folder.")
            return false
        }
        if key == "url", text.contains("@") || text.contains("?") || text.contains("#") {
            diagnostics.report(
                "\"url\" should hold no credentials, query or fragment", at: node,
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
