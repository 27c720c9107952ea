import EcluseConnectors
import EcluseCore
import EcluseCrypto
import EcluseFeeds
import EcluseFormats
import EcluseLedger
import EcluseStore
import EcluseTesting
import EcluseWeb
import Foundation
import Testing

@Suite("The salesperson's pages: contacts, card, calls, downloads, QR codes, the phone")
struct WebPagesTests {
    private static let purpose = [("purpose", "phone-download/calls-on-the-road")]

    @Test func homeSendsEachRoleToItsPage() throws {
        let fixture = try WebFixture()

        #expect(try fixture.loggedIn("alice").get("/").headers["Location"] == "/contacts")
        #expect(try fixture.loggedIn("dana").get("/").headers["Location"] == "/dpo")
        #expect(try fixture.loggedIn("adam").get("/").headers["Location"] == "/dpo")
    }

    @Test func theListShowsMyAllowedContactsOnlyAndSearches() throws {
        let fixture = try WebFixture()
        let alice = try fixture.loggedIn("alice")

        let all = try alice.get("/contacts")
        let searched = try alice.get("/contacts?q=chlo")
        let byOrganisation = try alice.get("/contacts?q=exemple%203")

        #expect(all.status == 200)
        #expect(all.headers["Cache-Control"] == "no-store")
        for number in 1...5 { #expect(all.text.contains("/contacts/subject-\(number)\"")) }
        for number in 6...9 { #expect(!all.text.contains("/contacts/subject-\(number)\"")) }
        #expect(searched.text.contains("/contacts/subject-2\""))
        #expect(!searched.text.contains("/contacts/subject-1\""))
        #expect(byOrganisation.text.contains("/contacts/subject-3\""))
        #expect(!byOrganisation.text.contains("/contacts/subject-1\""))
    }

    @Test func theCardShowsAllowedPhonesAndEmailsAsLinksAndNothingElse() throws {
        let fixture = try WebFixture()
        let alice = try fixture.loggedIn("alice")

        let card = try alice.get("/contacts/subject-1").text

        #expect(card.contains("href=\"tel:+33100000001\""))
        #expect(card.contains("href=\"tel:+33600000001\""))
        #expect(card.contains("href=\"mailto:person1@example.org\""))
        #expect(!card.contains("+33 4 00"), "the home phone is not allowed")
        #expect(!card.contains("home1@example.net"))
        #expect(!card.contains("Private note"))
        #expect(!card.contains("rue de l"))
        #expect(card.contains("<option value=\"phone-download/calls-on-the-road\">"))
    }

    @Test func iCalledNotesTheCall() throws {
        let fixture = try WebFixture()
        let alice = try fixture.loggedIn("alice")
        try alice.get("/contacts/subject-2")

        let response = try alice.post("/contacts/subject-2/calls")
        let card = try alice.get("/contacts/subject-2")

        #expect(response.status == 303)
        #expect(card.text.contains("Your last noted call"))
        let calls = try fixture.withStore { try $0.calls(to: SubjectID("subject-2"), limit: 10) }
        #expect(calls.map(\.login) == ["alice"])
    }

    @Test func theDownloadIsTheMinimisedVCardAndIsInTheLedger() throws {
        let fixture = try WebFixture()
        let alice = try fixture.loggedIn("alice")
        try alice.get("/contacts/subject-1")

        let response = try alice.post("/contacts/subject-1/vcard", Self.purpose)

        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "text/vcard; charset=utf-8")
        #expect(response.headers["Content-Disposition"] == "attachment; filename=\"contact.vcf\"")
        let cards = VCardReader().read(response.body, file: "download.vcf").cards.map(\.contact)
        let card = try #require(cards.first)
        #expect(cards.count == 1)
        #expect(card.displayName == "Bruno Exemple")
        #expect(Set(card.phones.map(\.value)) == ["+33 1 00 00 00 01", "+33 6 00 00 00 01"])
        #expect(card.emails.map(\.value) == ["person1@example.org"])
        #expect(card.note == nil && card.birthday == nil && card.addresses.isEmpty)

        let entries = try fixture.withStore { try $0.ledgerEntries(after: 0, limit: 10) }
        let entry = try #require(entries.first)
        #expect(entries.count == 1)
        #expect(entry.action == .downloaded)
        #expect(entry.destination == "phone-download")
        #expect(entry.collectionUser == "alice")
        #expect(entry.subject.hasPrefix("s-") && !entry.subject.contains("subject"))
        #expect(entry.fields == ["email.work", "name", "organisation", "phone.mobile", "phone.work"])
        #expect(entry.contentHash == SHA256.hex(response.body))
        let verification = LedgerVerifier().verify(entries, head: try fixture.withStore { try $0.ledgerHead() })
        #expect(verification == .intact(entries: 1, head: entry.hash))
    }

    @Test func theQRCodePageShowsAnSVGAndIsInTheLedger() throws {
        let fixture = try WebFixture()
        let alice = try fixture.loggedIn("alice")
        try alice.get("/contacts/subject-3")

        let page = try alice.post("/contacts/subject-3/qr", Self.purpose)

        #expect(page.status == 200)
        #expect(page.text.contains("<svg class=\"qr\""))
        #expect(page.text.contains("<path d=\"M"))
        let entries = try fixture.withStore { try $0.ledgerEntries(after: 0, limit: 10) }
        #expect(entries.map(\.action) == [.shownAsQRCode])
    }

    @Test func withoutAPhoneAttestationNothingIsDownloadedUntilTheDevicePageRecordsIt() throws {
        let fixture = try WebFixture(attestPhones: false)
        let alice = try fixture.loggedIn("alice")
        try alice.get("/contacts/subject-1")

        let refused = try alice.post("/contacts/subject-1/vcard", Self.purpose)
        try alice.get("/device")
        let partial = try alice.post("/device", [("condition", "screen-lock"), ("device", "Phone 12, system 17")])
        let recorded = try alice.post(
            "/device",
            [("condition", "screen-lock"), ("condition", "encrypted-storage"), ("device", "Phone 12, system 17")])
        fixture.clock.advance(by: 1)
        let allowed = try alice.post("/contacts/subject-1/vcard", Self.purpose)

        #expect(refused.status == 403)
        #expect(partial.status == 422)
        #expect(recorded.status == 303)
        #expect(allowed.status == 200)
        let devices = try fixture.withStore { try $0.deviceAttestations() }
        #expect(devices.map(\.user) == ["alice"])
        #expect(devices.first?.device == "Phone 12, system 17")
    }

    @Test func withoutADownloadDestinationOnlyNamesAndOrganisationsAreShown() throws {
        let policy = """
            purposes:
              account-directory: { legal-basis: legitimate-interest }
            destinations:
              team-folder: { kind: vdir, path: out/team, scope: shared, residency: eu }
            rules:
              - purpose: account-directory
                to: team-folder
                fields: [name, organisation, phone.work]

            """
        let fixture = try WebFixture(policy: policy)
        let alice = try fixture.loggedIn("alice")

        let list = try alice.get("/contacts")
        let card = try alice.get("/contacts/subject-9")

        #expect(list.text.contains("No download is configured"))
        #expect(card.status == 200)
        #expect(!card.text.contains("tel:"))
        #expect(card.text.contains("allows no download"))

        // A subject who withdrew consent is not shown at all, as with a download destination.
        var withdrawn = Invented.contact(4, owner: "alice")
        withdrawn.consent = .withdrawn
        try fixture.withStore { try $0.save(withdrawn, provenance: Provenance(source: "test", importedAt: Date())) }
        #expect(try alice.get("/contacts/subject-4").status == 404)
        #expect(try !alice.get("/contacts").text.contains("/contacts/subject-4\""))
    }

    @Test func theDPOSeesDestinationsPhonesAndTheLatestEntriesByPseudonym() throws {
        let fixture = try WebFixture()
        let alice = try fixture.loggedIn("alice")
        try alice.get("/contacts/subject-1")
        try alice.post("/contacts/subject-1/vcard", Self.purpose)

        let page = try fixture.loggedIn("dana").get("/dpo")

        #expect(page.status == 200)
        #expect(page.text.contains("phone-download"))
        #expect(page.text.contains("<td>alice</td><td>attested until "))
        #expect(page.text.contains("<td>dana</td><td>no current attestation</td>"))
        #expect(page.text.contains("<td>copy.download</td><td>phone-download/alice</td><td>s-"))
        #expect(!page.text.contains("subject-1") && !page.text.contains("example.org"))
    }

    @Test func theLedgerPageFiltersAndItsButtonVerifiesTheChain() throws {
        let fixture = try WebFixture()
        let alice = try fixture.loggedIn("alice")
        try alice.get("/contacts/subject-1")
        try alice.post("/contacts/subject-1/vcard", Self.purpose)
        try alice.post("/contacts/subject-1/qr", Self.purpose)
        let dana = try fixture.loggedIn("dana")

        let all = try dana.get("/dpo/ledger")
        #expect(all.status == 200)
        #expect(all.text.contains("<td>copy.download</td>") && all.text.contains("<td>copy.qr</td>"))
        let downloads = try dana.get("/dpo/ledger?action=copy.download")
        #expect(downloads.text.contains("<td>copy.download</td>") && !downloads.text.contains("<td>copy.qr</td>"))
        #expect(try dana.get("/dpo/ledger?action=copy.nothing").status == 400)
        #expect(try dana.get("/dpo/ledger?before=abc").status == 400)
        let elsewhere = try dana.get("/dpo/ledger?destination=team-folder")
        #expect(elsewhere.text.contains("No entry matches."))
        #expect(!all.text.contains("subject-1") && !all.text.contains("example.org"))

        let verified = try dana.post("/dpo/ledger/verify")
        #expect(verified.status == 200 && verified.text.contains("Intact: 2 entries"))
        // Tampering with an entry shows at once.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["sqlite3", fixture.databasePath, "UPDATE ledger SET fields = 'note' WHERE sequence = 1"]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(try dana.post("/dpo/ledger/verify").text.contains("Broken at entry 1"))
        #expect(try dana.post("/dpo/ledger/verify", withToken: false).status == 403)
    }

    @Test func aProposedPolicyShowsWhatWouldChangeWithoutBeingApplied() throws {
        let fixture = try WebFixture()
        let dana = try fixture.loggedIn("dana")
        #expect(try dana.get("/dpo/policy").text.contains("<textarea"))
        let narrower = WebFixture.policy.replacingOccurrences(
            of: "fields: [name, organisation, phone.work, phone.mobile, email.work]", with: "fields: [name]")
        let diff = try dana.post("/dpo/policy/diff", [("proposal", narrower)])
        #expect(diff.status == 200)
        #expect(diff.text.contains("fields that stop leaving: email.work, organisation, phone.mobile, phone.work"))
        let broken = try dana.post("/dpo/policy/diff", [("proposal", "purposes:\n  x: { legal-bassis: consent }\n")])
        #expect(broken.status == 422 && broken.text.contains("proposal.yaml:2:"))
        // Nothing was applied: the page still shows the policy in force.
        #expect(try dana.get("/dpo/policy").text.contains("phone.mobile, email.work]"))
    }

    @Test func thePolicyPageExplainsASubjectByPseudonymWithoutNamingIt() throws {
        let fixture = try WebFixture()
        let dana = try fixture.loggedIn("dana")
        let page = try dana.get("/dpo/policy?subject=person1%40example.org")
        #expect(page.status == 200)
        #expect(page.text.contains("phone-download/alice") && page.text.contains("in, by "))
        #expect(page.text.contains("<h2>Subject s-"))
        #expect(page.text.contains("<pre>") && page.text.contains("legal-basis"))
        let unknown = try dana.get("/dpo/policy?subject=nobody%40example.net")
        #expect(unknown.text.contains("No subject matches."))
        #expect(try fixture.loggedIn("alice").get("/dpo/policy").status == 403)
    }

    @Test func aUserChoosesTheLanguageOfThePagesWhateverTheBrowserPrefers() throws {
        let fixture = try WebFixture()
        let alice = try fixture.loggedIn("alice")
        #expect(try alice.get("/contacts").text.contains("<html lang=\"en\">"))
        let chosen = try alice.post("/language", [("language", "fr")])
        #expect(chosen.status == 303)
        let cookie = try #require(chosen.headers["Set-Cookie"])
        #expect(cookie.hasPrefix("ecluse-language=fr") && cookie.contains("HttpOnly"))
        #expect(try alice.post("/language", [("language", "de")]).status == 422)
        #expect(try alice.post("/language", [("language", "fr")], withToken: false).status == 403)
    }

    @Test func pagesSpeakFrenchWhenTheBrowserPrefersIt() throws {
        let fixture = try WebFixture()
        let client = fixture.client()
        client.extraHeaders = ["Accept-Language": "fr-FR,fr;q=0.9,en;q=0.8"]

        let login = try client.get("/login")
        try client.post("/login", [("login", "alice"), ("password", WebFixture.password)])
        let card = try client.get("/contacts/subject-1")

        #expect(login.text.contains("<html lang=\"fr\">"))
        #expect(login.text.contains("Mot de passe"))
        #expect(login.headers["Content-Language"] == "fr")
        #expect(card.text.contains("J'ai appelé"))
        #expect(card.text.contains("Téléphone travail"))
    }

    @Test func aNewPolicyAppliesToTheNextPageAndItsTextIsKept() throws {
        let fixture = try WebFixture()
        let alice = try fixture.loggedIn("alice")
        #expect(try alice.get("/contacts/subject-1").status == 200)

        try fixture.use(policy: WebFixture.policy.replacingOccurrences(of: "[customer]", with: "[prospect]"))
        let after = try alice.get("/contacts/subject-1")

        #expect(after.status == 404)
        #expect(try fixture.withStore { try $0.policyVersionTexts() }.count == 2)
    }

    @Test func aRuleOnAppointmentsShowsOnlyThePeopleIMeetSoon() throws {
        let policy = WebFixture.policy.replacingOccurrences(
            of: "{ owner: self, tags-any: [customer] }", with: "{ owner: self, appointment-within: 7d }")
        let fixture = try WebFixture(policy: policy)
        let soon = fixture.clock.now().addingTimeInterval(2 * 86_400)
        try fixture.withStore { store in
            try store.save(
                Appointment(
                    id: "meeting-1", sourceUID: "crm-meeting-1", summary: "Account review",
                    start: .dateTime(soon, timeZone: "Europe/Paris"),
                    end: .dateTime(soon.addingTimeInterval(3_600), timeZone: "Europe/Paris"),
                    attendees: ["person2@example.org"], owner: "alice"),
                provenance: Provenance(source: "agenda.ics", importedAt: soon))
        }
        let alice = try fixture.loggedIn("alice")

        let list = try alice.get("/contacts")

        #expect(list.text.contains("/contacts/subject-2\""))
        #expect(!list.text.contains("/contacts/subject-1\""))
        #expect(try alice.get("/contacts/subject-1").status == 404)
        #expect(try alice.get("/contacts/subject-2").status == 200)
    }

    @Test func theAgendaListsMyMeetingsAndMakesAFeedAddressShownOnceWithItsQRCode() throws {
        let fixture = try WebFixture()
        let soon = fixture.clock.now().addingTimeInterval(2 * 86_400)
        try fixture.withStore { store in
            for (id, owner) in [("m-alice", "alice"), ("m-bruno", "bruno")] {
                try store.save(
                    Appointment(
                        id: id, sourceUID: "crm-\(id)", summary: "Review \(id)", start: .dateTime(soon, timeZone: nil),
                        end: .dateTime(soon.addingTimeInterval(3_600), timeZone: nil), owner: owner),
                    provenance: Provenance(source: "agenda.ics", importedAt: soon))
            }
        }
        let alice = try fixture.loggedIn("alice")
        let agenda = try alice.get("/agenda")
        #expect(agenda.status == 200 && agenda.text.contains("Review m-alice") && !agenda.text.contains("m-bruno"))
        #expect(agenda.text.contains("You have no feed address yet."))

        let made = try alice.post("/agenda/feed")
        let address = try #require(made.text.firstMatch(of: /\/feeds\/([A-Za-z0-9_-]{43})\.ics/))
        #expect(made.text.contains("<svg"))
        let stored = try fixture.withStore { try $0.feedTokens() }
        #expect(stored.count == 1 && stored[0].user == "alice" && stored[0].isActive)
        #expect(stored.allSatisfy { !made.text.contains(String($0.id) + "</code>") })
        let hash = try fixture.withStore { try $0.feedToken(sha256: FeedTokenText.sha256(String(address.1))) }
        #expect(hash?.user == "alice")
        // The address is not shown again; a new one stops the old; revoking stops it too.
        #expect(!(try alice.get("/agenda")).text.contains(String(address.1)))
        _ = try alice.post("/agenda/feed")
        #expect(try fixture.withStore { try $0.feedTokens() }.map(\.isActive) == [false, true])
        _ = try alice.post("/agenda/feed/revoke")
        #expect(try fixture.withStore { try $0.feedTokens() }.allSatisfy { !$0.isActive })
        #expect(try alice.post("/agenda/feed", withToken: false).status == 403)
    }

    @Test func aChosenFewLeaveInOneFileWithOneEntryEach() throws {
        let fixture = try WebFixture()
        let alice = try fixture.loggedIn("alice")
        let list = try alice.get("/contacts")
        #expect(list.text.contains("<input type=\"checkbox\" name=\"id\" value=\"subject-3\">"))

        let response = try alice.post("/contacts/vcard", Self.purpose + [("id", "subject-1"), ("id", "subject-3")])

        #expect(response.status == 200)
        #expect(response.headers["Content-Disposition"] == "attachment; filename=\"contacts.vcf\"")
        let cards = VCardReader().read(response.body, file: "contacts.vcf").cards.map(\.contact)
        #expect(cards.map(\.displayName) == ["Bruno Exemple", "David Durand-Test"])
        #expect(cards.allSatisfy { $0.note == nil && $0.addresses.isEmpty })
        let entries = try fixture.withStore { try $0.ledgerEntries(after: 0, limit: 10) }
        #expect(entries.map(\.action) == [.downloaded, .downloaded])
        #expect(Set(entries.map(\.subject)).count == 2)
    }

    @Test func aChosenFewWithOneThatMayNotLeaveAreAllRefused() throws {
        let fixture = try WebFixture()
        let alice = try fixture.loggedIn("alice")
        try alice.get("/contacts")

        let withBrunos = try alice.post("/contacts/vcard", Self.purpose + [("id", "subject-1"), ("id", "subject-6")])
        let withSupplier = try alice.post("/contacts/vcard", Self.purpose + [("id", "subject-1"), ("id", "subject-9")])
        let none = try alice.post("/contacts/vcard", Self.purpose)
        let tooMany = try alice.post("/contacts/vcard", Self.purpose + (1...21).map { ("id", "subject-\($0)") })

        for response in [withBrunos, withSupplier, none, tooMany] {
            #expect(response.status == 422)
            #expect(!response.text.contains("BEGIN:VCARD") && !response.text.contains("example.org"))
        }
        #expect(try fixture.withStore { try $0.ledgerEntries(after: 0, limit: 10) }.isEmpty)
    }
}
