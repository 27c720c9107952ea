import EcluseConnectors
import EcluseCore
import EcluseTesting
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The CardDAV connector against a real Radicale, one server per test.
@Suite("DAVConnector against a real Radicale")
struct DAVConnectorTests {
    static let alice = Credentials(username: "alice", password: "secret")
    static let key = CollectionKey(destination: "sales-phones", user: "alice")

    static func contact(_ id: String, _ name: String, phone: String) -> Contact {
        Contact(
            id: SubjectID(id),
            name: PersonName(formatted: name),
            phones: [Phone(value: phone, kinds: [.mobile])]
        )
    }

    static func copy(_ contact: Contact) -> DesiredCopy {
        DesiredCopy(collection: key, subject: contact.id, content: contact, fields: FieldSet.none)
    }

    static let ana = contact("s1", "Ana Example", phone: "+33 6 00 00 00 01")
    static let bruno = contact("s2", "Bruno Example", phone: "+33 6 00 00 00 02")
    static let chloe = contact("s3", "Chloe Example", phone: "+33 6 00 00 00 03")

    /// A server with alice, and a connector on `alice/contacts/` that has been prepared.
    static func prepared() throws -> (Radicale, DAVConnector) {
        let server = try Radicale(authentication: .htpasswd(alice))
        let connector = try DAVConnector(
            collection: key,
            settings: ["url": server.url("alice/contacts/"), "username": "alice", "password-env": "TEST_DAV"],
            environment: ["TEST_DAV": "secret"]
        )
        try connector.prepare()
        return (server, connector)
    }

    static func record(_ copy: DesiredCopy, _ outcome: OperationOutcome) throws -> CopyRecord {
        guard case .written(let remoteID, let etag) = outcome else {
            Issue.record("expected a written outcome, got \(outcome)")
            throw CancellationError()
        }
        return CopyRecord(
            collection: key, subject: copy.subject, copyUID: copy.copyUID, remoteID: remoteID, etag: etag,
            contentHash: copy.contentHash, fields: [], createdAt: Date(), updatedAt: Date()
        )
    }

    @Test("prepare creates a missing address book, and is harmless when it exists")
    func prepareCreatesAddressBook() throws {
        let server = try Radicale(authentication: .htpasswd(Self.alice))
        defer { server.stop() }
        let client = try HTTPClient(configuration: .init(credentials: Self.alice))
        let probe = HTTPRequest(.propfind, url: server.url("alice/contacts/"), headers: ["Depth": "0"])
        #expect(try client.send(probe).status == 404)
        let connector = try DAVConnector(
            collection: Self.key, collectionURL: server.url("alice/contacts"), credentials: Self.alice)

        try connector.prepare()
        try connector.prepare()

        let answer = try client.send(probe)
        let multistatus = try Multistatus(parsing: answer.body)
        #expect(answer.status == 207)
        #expect(multistatus.responses.first?.isAddressBook == true)
        #expect(try connector.listItems().isEmpty)
    }

    @Test("Created cards are listed with their etags; update changes the etag; delete removes")
    func createListUpdateDelete() throws {
        let (server, connector) = try Self.prepared()
        defer { server.stop() }
        let copies = [Self.ana, Self.bruno, Self.chloe].map(Self.copy)

        let created = try connector.apply(copies.map { .create($0) })
        let records = try zip(copies, created).map { try Self.record($0, $1) }
        let listed = try connector.listItems()

        #expect(Set(listed) == Set(records.map { RemoteItem(remoteID: $0.remoteID, etag: $0.etag) }))
        #expect(records.allSatisfy { $0.etag != nil && $0.remoteID.hasSuffix("/\($0.copyUID).vcf") })

        var changed = Self.ana
        changed.name = PersonName(formatted: "Ana B. Example")
        changed.phones = [Phone(value: "+33 6 00 00 00 09", kinds: [.mobile])]
        let updated = try connector.apply([.update(Self.copy(changed), existing: records[0])])
        let newRecord = try Self.record(Self.copy(changed), try #require(updated.first))
        #expect(newRecord.etag != records[0].etag)
        #expect(try connector.listItems().contains(RemoteItem(remoteID: records[0].remoteID, etag: newRecord.etag)))

        let deleted = try connector.apply([.delete(records[1]), .delete(records[1])])
        guard case .deleted = deleted[0], case .deleted = deleted[1] else {
            Issue.record("expected two deleted outcomes, got \(deleted)")
            return
        }
        #expect(
            try connector.listItems().map(\.remoteID).sorted() == [records[0].remoteID, records[2].remoteID].sorted())
    }

    @Test("A create repeated after a crash leaves exactly one card")
    func repeatedCreateLeavesOneCard() throws {
        let (server, connector) = try Self.prepared()
        defer { server.stop() }
        let copy = Self.copy(Self.ana)

        _ = try connector.apply([.create(copy)])
        let again = try connector.apply([.create(copy)])

        let record = try Self.record(copy, try #require(again.first))
        #expect(try connector.listItems() == [RemoteItem(remoteID: record.remoteID, etag: record.etag)])
    }

    @Test("An update after someone else edited the card overwrites it and reports it written")
    func updateAfterForeignEdit() throws {
        let (server, connector) = try Self.prepared()
        defer { server.stop() }
        let copy = Self.copy(Self.ana)
        let record = try Self.record(copy, try #require(try connector.apply([.create(copy)]).first))
        let client = try HTTPClient(configuration: .init(credentials: Self.alice))
        let edit = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:\(copy.copyUID)\r\nFN:Edited\r\nN:;;;;\r\nEND:VCARD\r\n"
        let edited = try client.send(
            HTTPRequest(.put, url: server.baseURL + record.remoteID, headers: [:], body: Array(edit.utf8)))
        #expect(edited.isSuccess)

        let updated = try connector.apply([.update(copy, existing: record)])
        let restored = try client.send(HTTPRequest(.get, url: server.baseURL + record.remoteID))
        let deleted = try connector.apply([.delete(record)])

        guard case .written(_, let etag) = updated[0], case .deleted = deleted[0] else {
            Issue.record("expected written then deleted, got \(updated) and \(deleted)")
            return
        }
        #expect(etag != edited.headers["ETag"])
        #expect(!String(decoding: restored.body, as: UTF8.self).contains("FN:Edited"))
        #expect(try connector.listItems().isEmpty)
    }

    @Test("A user's own card in the same address book is never touched")
    func ownCardUntouched() throws {
        let (server, connector) = try Self.prepared()
        defer { server.stop() }
        let client = try HTTPClient(configuration: .init(credentials: Self.alice))
        let ownURL = server.url("alice/contacts/own-card.vcf")
        let own = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:own-card\r\nFN:Dora Example\r\nN:Example;Dora;;;\r\nEND:VCARD\r\n"
        _ = try client.send(HTTPRequest(.put, url: ownURL, headers: ["If-None-Match": "*"], body: Array(own.utf8)))
        let before = try client.send(HTTPRequest(.get, url: ownURL))

        let copies = [Self.ana, Self.bruno].map(Self.copy)
        let records = try zip(copies, try connector.apply(copies.map { .create($0) })).map { try Self.record($0, $1) }
        let listed = try connector.listItems()
        _ = try connector.apply([
            .update(Self.copy(Self.contact("s1", "Ana B. Example", phone: "+33 6 00 00 00 01")), existing: records[0]),
            .delete(records[1]),
        ])

        let after = try client.send(HTTPRequest(.get, url: ownURL))
        #expect(listed.count == 3)
        #expect(after.status == 200)
        #expect(after.body == before.body)
        #expect(after.headers["ETag"] == before.headers["ETag"])
        #expect(try connector.listItems().count == 2)
    }

    @Test("Radicale runs as its own process, and a stopped server makes apply throw unreachable")
    func stoppedServerIsUnreachable() throws {
        let (server, connector) = try Self.prepared()
        #expect(server.pid != getpid())
        #expect(kill(server.pid, 0) == 0)
        server.stop()

        let error = try #require(throws: ConnectorError.self) {
            try connector.apply([.create(Self.copy(Self.ana))])
        }

        #expect(error.code == .unreachable)
        #expect(throws: ConnectorError.self) { try connector.listItems() }
    }

    @Test("A wrong password is reported as unauthorized, without the password")
    func wrongPasswordIsUnauthorized() throws {
        let server = try Radicale(authentication: .htpasswd(Self.alice))
        defer { server.stop() }
        let connector = try DAVConnector(
            collection: Self.key,
            settings: ["url": server.url("alice/contacts/"), "username": "alice", "password": "Wr0ng-pw"]
        )

        let error = try #require(throws: ConnectorError.self) { try connector.prepare() }

        #expect(error.code == .unauthorized)
        #expect(error.httpStatus == 401)
        #expect(!error.description.contains("Wr0ng-pw"))
        #expect(!(error.detail ?? "").contains("Wr0ng-pw"))
    }

    @Test("Missing settings are named in the error")
    func missingSettings() {
        let missingURL = #expect(throws: ConnectorError.self) {
            try DAVConnector(collection: Self.key, settings: [:])
        }
        let missingVariable = #expect(throws: ConnectorError.self) {
            try DAVConnector(
                collection: Self.key,
                settings: ["url": "http://127.0.0.1:9/x/", "username": "alice", "password-env": "NOT_SET_HERE"],
                environment: [:]
            )
        }

        #expect(missingURL?.code == .invalidConfiguration)
        #expect(missingURL?.description.contains("`url`") == true)
        #expect(missingVariable?.description.contains("NOT_SET_HERE") == true)
    }

    @Test("An item address outside the address book gets no request, so the credentials stay home")
    func foreignHrefsAreRefused() throws {
        let (server, connector) = try Self.prepared()
        defer { server.stop() }
        let copy = Self.copy(Self.ana)
        for href in ["http://127.0.0.1:9/steal/x.vcf", "/alice/other/x.vcf", "/alice/contacts/../x.vcf"] {
            let record = CopyRecord(
                collection: Self.key, subject: copy.subject, copyUID: copy.copyUID, remoteID: href, etag: "\"1\"",
                contentHash: "h", fields: [], createdAt: Date(), updatedAt: Date())
            for operation in [PlannedOperation.delete(record), .update(copy, existing: record)] {
                let outcome = try connector.apply([operation])
                guard case .failed(let error) = outcome.first else {
                    Issue.record("\(href) was accepted")
                    continue
                }
                #expect(error.code == .invalidConfiguration, "\(href)")
                #expect(error.message.contains("outside the address book"), "\(href)")
            }
        }
    }
}
