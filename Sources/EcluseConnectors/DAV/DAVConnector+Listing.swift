import EcluseCore
import Foundation

/// Listing what changed (RFC 6578 sync-collection, or a collection tag) and reading items back
/// in bulk (addressbook-multiget, calendar-multiget); `DAVListingSteps` decides each step.
extension DAVConnector {
    public func listItems(known: [RemoteItem], since state: String?) throws -> Listing {
        // A collection someone removed holds nothing, as `listItems()` says.
        guard let facts = try collectionFacts() else { return Listing(items: [], state: nil) }
        var steps = DAVListingSteps(known: known, saved: state, facts: facts)
        var action = steps.start()
        while true {
            switch action {
            case .finish(let listing): return listing
            case .listAll: action = steps.next(after: .listedAll(try listItems()))
            case .report(let token): action = steps.next(after: try changes(since: token))
            }
        }
    }

    /// Reads the items in REPORTs of `itemsPerMultiget` hrefs each (RFC 6352 §8.7, RFC 4791
    /// §7.9), rather than one GET per item.
    public func contents(of remoteIDs: [String]) throws -> [ItemContent] {
        let action = "reading items back"
        let data: Multistatus.Name = format.items == .events ? .calendarData : .addressData
        var found: [ItemContent] = []
        for start in stride(from: 0, to: remoteIDs.count, by: max(1, itemsPerMultiget)) {
            let chunk = remoteIDs[start..<min(start + max(1, itemsPerMultiget), remoteIDs.count)]
            // Hrefs are asked as paths, and answers matched on their decoded form: servers may
            // encode a path otherwise than the copies table holds it.
            var asked: [String: String] = [:]
            for remoteID in chunk { asked[Self.decoded(path(of: try itemURL(of: remoteID)))] = remoteID }
            let response = try send(
                HTTPRequest(
                    .report, url: collectionURL,
                    headers: ["Depth": "1", "Content-Type": DAVBodies.xmlContentType],
                    body: DAVBodies.multiget(asked.keys.sorted(), events: format.items == .events)),
                while: action)
            guard response.status == 207 else { throw failure(response, while: action) }
            for member in try parse(response, while: action).responses {
                guard let remoteID = asked[Self.decoded(path(of: member.href))], let text = member.text(of: data)
                else { continue }
                found.append(ItemContent(remoteID: remoteID, etag: member.etag, bytes: Array(text.utf8)))
            }
        }
        return found
    }

    /// What the collection says about its changes, asked with one PROPFIND Depth 0, or nil
    /// when it is not there. A server that does not answer it is listed in full, as one
    /// without any of these.
    func collectionFacts() throws -> DAVListingSteps.Facts? {
        let response = try send(
            HTTPRequest(
                .propfind, url: collectionURL,
                headers: ["Depth": "0", "Content-Type": DAVBodies.xmlContentType],
                body: DAVBodies.propfindCollectionState),
            while: "asking the \(noun)'s state")
        if response.status == 404 || response.status == 410 { return nil }
        guard response.status == 207, let multistatus = try? parse(response, while: "") else {
            return DAVListingSteps.Facts()
        }
        if Self.saysMissing(multistatus) { return nil }
        let itself = multistatus.responses.first { path(of: $0.href) == collectionPath } ?? multistatus.responses.first
        return DAVListingSteps.Facts(
            supportsSyncCollection: itself?.reports.contains(.syncCollection) ?? false,
            syncToken: itself?.text(of: .syncToken).flatMap { $0.isEmpty ? nil : $0 },
            ctag: itself?.text(of: .getctag).flatMap { $0.isEmpty ? nil : $0 })
    }

    /// One sync-collection REPORT (RFC 6578 §3.2), as the event `DAVListingSteps` takes.
    private func changes(since token: String) throws -> DAVListingSteps.Event {
        let action = "asking the \(noun)'s changes"
        // RFC 6578 §3.3: the report is defined for Depth 0 only; `sync-level` says how deep.
        let response = try send(
            HTTPRequest(
                .report, url: collectionURL, headers: ["Depth": "0", "Content-Type": DAVBodies.xmlContentType],
                body: DAVBodies.syncCollection(since: token)),
            while: action)
        if response.status == 401 { throw failure(response, while: action) }
        guard response.status == 207 else {
            // Servers say an unknown token with 403, 409 or 412, and some only in the body.
            let invalid = String(decoding: response.body, as: UTF8.self).contains("valid-sync-token")
            return .reportRefused(invalidToken: invalid)
        }
        let multistatus = try parse(response, while: action)
        var changed: [RemoteItem] = []
        var removed: [String] = []
        var truncated = false
        for member in multistatus.responses {
            let href = path(of: member.href)
            if href == collectionPath || Self.decoded(href) == Self.decoded(collectionPath) {
                truncated = truncated || member.status == 507
            } else if member.status == 404 || member.status == 410 {
                removed.append(href)
            } else if !member.isCollection {
                changed.append(RemoteItem(remoteID: href, etag: member.etag))
            }
        }
        return .reported(changed: changed, removed: removed, token: multistatus.syncToken, truncated: truncated)
    }

    private static func decoded(_ path: String) -> String { path.removingPercentEncoding ?? path }
}
