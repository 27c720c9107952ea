import EcluseAPI
import EcluseConnectors
import EcluseCore
import EcluseStore
import EcluseTesting
import Foundation
import Testing

/// What each route answers: visibility by owner, bounded pages, imports with their summary,
/// attestations, the ledger and explanations; errors as problem documents with no personal data.
@Suite(.serialized) struct APIEndpointsTests {
    @Test func salesSeeTheirOwnContactsOnlyAndAnotherOneIsA404() throws {
        let workspace = try APIWorkspace()
        let own = try #require(
            try workspace.json(try workspace.send(.get, "/api/v1/contacts", as: "alice")) as? [String: Any])
        #expect(own["total"] as? Int == 3)
        let all = try #require(
            try workspace.json(try workspace.send(.get, "/api/v1/contacts", as: "dora")) as? [String: Any])
        #expect(all["total"] as? Int == 6)

        #expect(try workspace.send(.get, "/api/v1/contacts/subject-1", as: "alice").status == 200)
        let hidden = try workspace.send(.get, "/api/v1/contacts/subject-4", as: "alice")
        let missing = try workspace.send(.get, "/api/v1/contacts/subject-99", as: "alice")
        #expect(hidden.status == 404 && missing.status == 404)
        #expect(hidden.body.count == missing.body.count)
        #expect(!hidden.text.contains("subject-4"))
    }

    /// A salesperson gets through the API what the web app would show them, no more: without a
    /// download destination, names and organisations; never a subject who withdrew consent.
    @Test func salesGetOnlyWhatThePolicyLetsThemSeeAndNoWithdrawnSubject() throws {
        let workspace = try APIWorkspace()
        let one = try #require(
            try workspace.json(try workspace.send(.get, "/api/v1/contacts/subject-1", as: "alice")) as? [String: Any])
        #expect(one["display_name"] as? String == Invented.contact(1).displayName)
        #expect((one["phones"] as? [Any])?.count == 0)
        #expect((one["emails"] as? [Any])?.count == 0)
        #expect(one["title"] == nil || one["title"] is NSNull)

        let store = try SQLiteStore(path: workspace.folder.file("ecluse.sqlite"))
        var withdrawn = Invented.contact(1)
        withdrawn.consent = .withdrawn
        try store.save(withdrawn, provenance: Provenance(source: "test", importedAt: Date()))
        store.close()
        #expect(try workspace.send(.get, "/api/v1/contacts/subject-1", as: "alice").status == 404)
        let own = try #require(
            try workspace.json(try workspace.send(.get, "/api/v1/contacts", as: "alice")) as? [String: Any])
        #expect(own["total"] as? Int == 2)
        #expect(!((own["items"] as? [[String: Any]]) ?? []).contains { $0["id"] as? String == "subject-1" })
    }

    @Test func anEmailSharedBySeveralSubjectsIsAConflictNotAnExplanation() throws {
        let workspace = try APIWorkspace()
        let store = try SQLiteStore(path: workspace.folder.file("ecluse.sqlite"))
        for number in [71, 72] {
            var contact = Invented.contact(number)
            contact.emails = [Email(value: "desk@example.org", kinds: [.work])]
            try store.save(contact, provenance: Provenance(source: "test", importedAt: Date()))
        }
        store.close()
        let answer = try workspace.send(.get, "/api/v1/policy/explain?subject=desk%40example.org", as: "dora")
        #expect(answer.status == 409)
        #expect(
            answer.text.contains("2 subjects match") && answer.text.contains("s-") && !answer.text.contains("desk@"))
    }

    @Test func salesSeeTheirOwnAppointmentsInTheWindow() throws {
        let workspace = try APIWorkspace()
        let window = "/api/v1/appointments?from=2026-11-30&to=2026-12-02"
        let own = try #require(try workspace.json(try workspace.send(.get, window, as: "alice")) as? [String: Any])
        let items = try #require(own["items"] as? [[String: Any]])
        #expect(items.map { $0["uid"] as? String } == ["crm-a1"])
        #expect(items.first?["contacts"] as? Int == 1 && items.first?["time_zone"] as? String == "Europe/Paris")
        let all = try #require(try workspace.json(try workspace.send(.get, window, as: "ana")) as? [String: Any])
        #expect(all["total"] as? Int == 2)
        let later = try workspace.send(.get, "/api/v1/appointments?from=2026-12-02&to=2026-12-09", as: "ana")
        #expect((try workspace.json(later) as? [String: Any])?["total"] as? Int == 0)
        #expect(try workspace.send(.get, "/api/v1/appointments?from=2026-12-09&to=2026-12-02", as: "ana").status == 400)
        #expect(try workspace.send(.get, "/api/v1/appointments?from=2026-02-30", as: "ana").status == 400)
    }

    @Test func aContactIsShownWithSnakeCaseFieldsAndNoExtras() throws {
        let workspace = try APIWorkspace()
        let response = try workspace.send(.get, "/api/v1/contacts/subject-1", as: "ana")
        let contact = try #require(try workspace.json(response) as? [String: Any])
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(contact["display_name"] as? String == Invented.contact(1).displayName)
        #expect(contact["extras"] == nil && contact["note"] == nil)
    }

    /// The answer cache never serves a contact as it was before a change, nor to its former owner.
    @Test func aChangedContactIsAnsweredAsItIsNow() throws {
        let workspace = try APIWorkspace()
        #expect(try workspace.send(.get, "/api/v1/contacts/subject-1", as: "alice").status == 200)
        let store = try SQLiteStore(path: workspace.folder.file("ecluse.sqlite"))
        var moved = Invented.contact(1, owner: "bruno")
        moved.title = "Directrice"
        try store.save(moved, provenance: Provenance(source: "test", importedAt: Date()))
        store.close()
        #expect(try workspace.send(.get, "/api/v1/contacts/subject-1", as: "alice").status == 404)
        let now = try #require(
            try workspace.json(try workspace.send(.get, "/api/v1/contacts/subject-1", as: "ana")) as? [String: Any])
        #expect(now["title"] as? String == "Directrice")
    }

    @Test func pagesAreBoundedAndBadParametersAre400WithoutTheirValue() throws {
        let workspace = try APIWorkspace()
        let page = try #require(
            try workspace.json(try workspace.send(.get, "/api/v1/contacts?limit=2&offset=1", as: "ana"))
                as? [String: Any])
        #expect((page["items"] as? [Any])?.count == 2)
        for query in ["limit=501", "limit=0", "offset=-1", "limit=secret-value"] {
            let response = try workspace.send(.get, "/api/v1/contacts?\(query)", as: "ana")
            #expect(response.status == 400, "\(query)")
            #expect(response.headers["Content-Type"] == "application/problem+json")
            #expect(!response.text.contains("secret-value"))
        }
        let window = try workspace.send(.get, "/api/v1/appointments?from=2026-01-01&to=2028-01-01", as: "ana")
        #expect(window.status == 400)
    }

    @Test func anImportAnswersTheSummaryAndARefusedOneNamesLinesNotValues() throws {
        let workspace = try APIWorkspace()
        let cards = Invented.vCard(7) + Invented.vCard(8)
        let response = try workspace.send(
            .post, "/api/v1/import", as: "ana", body: Array(cards.utf8), contentType: "text/vcard")
        let summary = try #require(try workspace.json(response) as? [String: Any])
        #expect(response.status == 200)
        #expect(summary["created"] as? Int == 2 && summary["refused"] as? Bool == false)

        let again = try workspace.send(
            .post, "/api/v1/import", as: "ana", body: Array(cards.utf8), contentType: "text/vcard")
        #expect((try workspace.json(again) as? [String: Any])?["unchanged"] as? Int == 2)

        let broken = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoé Inventée\r\nEMAIL zoe@example.org\r\nEND:VCARD\r\n"
        let refused = try workspace.send(
            .post, "/api/v1/import", as: "ana", body: Array(broken.utf8), contentType: "text/vcard")
        #expect(refused.status == 422)
        let errors = try #require((try workspace.json(refused) as? [String: Any])?["errors"] as? [[String: Any]])
        #expect(errors.first?["line"] as? Int == 4)
        #expect(!refused.text.contains("zoe@example.org") && !refused.text.contains("Zoé"))

        let scratch = try FileManager.default.contentsOfDirectory(atPath: workspace.folder.path)
        #expect(!scratch.contains { $0.hasPrefix("ecluse-upload-") })

        let wrongType = try workspace.send(.post, "/api/v1/import", as: "ana", body: [1, 2], contentType: "image/png")
        #expect(wrongType.status == 415)
    }

    @Test func anImportOverTheBodyLimitIs413() throws {
        let workspace = try APIWorkspace(maximumBodySize: 4_096)
        let cards = (1...40).map { Invented.vCard($0) }.joined()
        let response = try workspace.send(
            .post, "/api/v1/import", as: "ana", body: Array(cards.utf8), contentType: "text/vcard")
        #expect(response.status == 413)
    }

    @Test func anAttestationFiledMakesTheDestinationEligible() throws {
        let workspace = try APIWorkspace()
        let before = try #require(
            try workspace.json(try workspace.send(.get, "/api/v1/destinations", as: "dora")) as? [[String: Any]])
        #expect(before.first?["eligible"] as? Bool == false)
        #expect(before.first?["required_attestations"] as? [String] == ["eu-hosting"])

        let body = """
            {"destination":"team-folder","kind":"eu-hosting","reference":"contract-7",
             "document_sha256":"\(String(repeating: "0f", count: 32))","issuer":"Hoster SAS","expires_on":"2099-12-31"}
            """
        let filed = try workspace.send(
            .post, "/api/v1/attestations", as: "ana", body: Array(body.utf8), contentType: "application/json")
        #expect(filed.status == 201)
        let after = try #require(
            try workspace.json(try workspace.send(.get, "/api/v1/destinations", as: "dora")) as? [[String: Any]])
        #expect(after.first?["eligible"] as? Bool == true)

        let expired = body.replacingOccurrences(of: "2099-12-31", with: "2001-01-01")
        #expect(
            try workspace.send(
                .post, "/api/v1/attestations", as: "ana", body: Array(expired.utf8), contentType: "application/json"
            ).status == 422)
        #expect(
            try workspace.send(
                .post, "/api/v1/attestations", as: "ana", body: Array("{}".utf8), contentType: "application/json"
            ).status == 400)
    }

    @Test func theLedgerIsIntactAndExplanationsNameThePseudonym() throws {
        let workspace = try APIWorkspace()
        let verified = try #require(
            try workspace.json(try workspace.send(.get, "/api/v1/ledger/verify", as: "dora")) as? [String: Any])
        #expect(verified["status"] as? String == "intact")
        let page = try #require(
            try workspace.json(try workspace.send(.get, "/api/v1/ledger?limit=10", as: "dora")) as? [String: Any])
        #expect((page["items"] as? [Any])?.isEmpty == true)

        let explained = try workspace.send(.get, "/api/v1/policy/explain?subject=person2@example.org", as: "dora")
        let rows = try #require(try workspace.json(explained) as? [[String: Any]])
        #expect(rows.first?["collection"] as? String == "team-folder")
        #expect(!explained.text.contains("example.org"))
        #expect(try workspace.send(.get, "/api/v1/policy/explain?subject=nobody", as: "dora").status == 404)
        #expect(try workspace.send(.get, "/api/v1/policy/explain", as: "dora").status == 400)
    }
}
