import EcluseCore
import EcluseFormats

/// Writing and deleting single items, with the retries a crash or a concurrent edit needs.
extension DAVConnector {
    /// A precondition for a write (RFC 9110 §13.1).
    enum Condition {
        case none
        /// `If-None-Match: *`: only when nothing is there yet.
        case absent
        /// `If-Match`: only when the item is still this version.
        case version(String)
    }

    /// How many times a write re-reads the etag after a 412 before it gives up.
    static let conflictRetries = 3

    func create(_ copy: DesiredCopy) throws -> OperationOutcome {
        let href = collectionPath + copy.copyUID + format.fileExtension
        let card = format.bytes(of: copy)

        let response = try put(card, at: href, when: .absent)
        if response.status == 412 {
            // The UID is Ecluse's, so the item was left by a run that crashed after writing
            // it (promise 6): take it over instead of making a duplicate.
            return try overwrite(card, at: href)
        }
        return try outcome(of: response, at: href, while: "creating an item")
    }

    func update(_ copy: DesiredCopy, at record: CopyRecord) throws -> OperationOutcome {
        let card = format.bytes(of: copy)
        let condition = record.etag.map(Condition.version) ?? .none

        let response = try put(card, at: record.remoteID, when: condition)
        if response.status == 412 || response.status == 404 {
            // Someone changed or removed the card since Ecluse wrote it. Ecluse owns it, so
            // its version wins.
            // Known gap: no drift policy yet (report, keep theirs); an issue adds it.
            return try overwrite(card, at: record.remoteID)
        }
        return try outcome(of: response, at: record.remoteID, while: "updating an item")
    }

    func delete(_ record: CopyRecord) throws -> OperationOutcome {
        var condition = record.etag.map(Condition.version) ?? .none

        for _ in 0...Self.conflictRetries {
            let response = try send(
                HTTPRequest(.delete, url: itemURL(of: record.remoteID), headers: headers(for: condition)),
                while: "deleting an item"
            )
            if response.isSuccess || response.status == 404 || response.status == 410 { return .deleted }
            guard response.status == 412 else { return .failed(failure(response, while: "deleting an item")) }

            // Changed since Ecluse wrote it; still Ecluse's card, so delete the new version.
            switch try lookUp(record.remoteID) {
            case .gone: return .deleted
            case .failed(let error): return .failed(error)
            case .present(let etag): condition = etag.map(Condition.version) ?? .none
            }
        }
        return .failed(keptChanging(while: "deleting an item"))
    }

    /// Replaces the card at `href` whatever version is there, re-reading the etag first so
    /// the write stays conditional.
    private func overwrite(_ card: [UInt8], at href: String) throws -> OperationOutcome {
        for _ in 0..<Self.conflictRetries {
            let condition: Condition
            switch try lookUp(href) {
            case .gone: condition = .absent
            case .failed(let error): return .failed(error)
            case .present(let etag): condition = etag.map(Condition.version) ?? .none
            }
            let response = try put(card, at: href, when: condition)
            if response.status != 412 {
                return try outcome(of: response, at: href, while: "replacing an item")
            }
        }
        return .failed(keptChanging(while: "replacing an item"))
    }

    private func put(_ card: [UInt8], at href: String, when condition: Condition) throws -> HTTPResponse {
        var headers = headers(for: condition)
        headers.add("Content-Type", format.mediaType)
        return try send(
            HTTPRequest(.put, url: itemURL(of: href), headers: headers, body: card), while: "writing an item")
    }

    /// `.written` with the new etag after a successful PUT, else `.failed`.
    private func outcome(of response: HTTPResponse, at href: String, while action: String) throws -> OperationOutcome {
        guard response.isSuccess else { return .failed(failure(response, while: action)) }
        // Some servers send no ETag after a PUT (RFC 6352 §6.3.2 allows it): ask for it.
        if let etag = response.headers["ETag"] { return .written(remoteID: href, etag: etag) }
        guard case .present(let etag) = try lookUp(href) else { return .written(remoteID: href, etag: nil) }
        return .written(remoteID: href, etag: etag)
    }

    /// What a PROPFIND says about one card now.
    enum Lookup {
        /// The card is there, with this etag if the server gives one.
        case present(String?)
        case gone
        case failed(ConnectorError)
    }

    /// Asks the server for the card at `href` and its etag (PROPFIND, Depth 0).
    func lookUp(_ href: String) throws -> Lookup {
        let response = try send(
            HTTPRequest(
                .propfind,
                url: itemURL(of: href),
                headers: ["Depth": "0", "Content-Type": DAVBodies.xmlContentType],
                body: DAVBodies.propfindETags
            ),
            while: "reading an item's version"
        )
        if response.status == 404 || response.status == 410 { return .gone }
        guard response.status == 207 else { return .failed(failure(response, while: "reading an item's version")) }
        let member = try parse(response, while: "reading an item's version").responses.first
        if let status = member?.status, status == 404 { return .gone }
        return .present(member?.etag)
    }

    private func headers(for condition: Condition) -> HTTPHeaders {
        switch condition {
        case .none: [:]
        case .absent: ["If-None-Match": "*"]
        case .version(let etag): ["If-Match": etag]
        }
    }

    private func keptChanging(while action: String) -> ConnectorError {
        ConnectorError(
            .conflict,
            destination: collection.description,
            message: "the item kept changing on the server while \(action)",
            fix: "Run the sync again; if it persists, look for another program writing Ecluse's items",
            httpStatus: 412
        )
    }
}
