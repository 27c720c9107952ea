import EcluseCore
import EcluseTesting
import Testing

@Suite struct MinimisationTests {
    @Test func onlyTheAllowedKindsOfPhoneAndEmailRemain() {
        let allowed = FieldSet(
            ["name", "phone.work", "phone.mobile", "email.work"].compactMap(FieldPath.init(parsing:)))
        let original = Invented.contact(3)
        let copy = original.minimised(to: allowed)
        #expect(copy.phones.map(\.value) == ["+33 1 00 00 00 03", "+33 6 00 00 00 03"])
        #expect(copy.emails.map(\.value) == ["person3@example.org"])
        #expect(copy.addresses.isEmpty)
        #expect(copy.note == nil)
        #expect(copy.birthday == nil)
        #expect(copy.organisation == nil)
        #expect(copy.owner == nil)
        #expect(copy.name == original.name)
    }

    @Test func unknownFieldPathsAreRefused() {
        #expect(FieldPath(parsing: "phone.satellite") == nil)
        #expect(FieldPath(parsing: "salary") == nil)
        #expect(FieldPath(parsing: "email.*") == FieldPath(.email))
    }

    /// Promise 1, over random contacts and random allow-lists: a copy never carries a field
    /// (or a kind of a field) that the allow-list does not name.
    @Test func aCopyNeverCarriesAFieldTheRuleDoesNotAllow() {
        var generator = SeededGenerator(seed: 42)
        let spellings = FieldPath.allSpellings
        for round in 0..<500 {
            let picked = spellings.filter { _ in Bool.random(using: &generator) }
            let allowed = FieldSet(picked.compactMap(FieldPath.init(parsing:)))
            let copy = Invented.contact(round).minimised(to: allowed)

            #expect(copy.extras.isEmpty && copy.owner == nil)
            if !allowed.allows(.name) { #expect(copy.name.isEmpty) }
            if !allowed.allows(.organisation) { #expect(copy.organisation == nil) }
            if !allowed.allows(.title) { #expect(copy.title == nil) }
            if !allowed.allows(.note) { #expect(copy.note == nil) }
            if !allowed.allows(.birthday) { #expect(copy.birthday == nil) }
            if !allowed.allows(.url) { #expect(copy.urls.isEmpty) }
            if !allowed.allows(.tags) { #expect(copy.tags.isEmpty) }
            for phone in copy.phones {
                #expect(allowed.allows(.phone, kinds: Set(phone.kinds.map(\.rawValue))))
            }
            for email in copy.emails {
                #expect(allowed.allows(.email, kinds: Set(email.kinds.map(\.rawValue))))
            }
            for address in copy.addresses {
                #expect(allowed.allows(.address, kinds: Set(address.kinds.map(\.rawValue))))
            }
        }
    }
}

@Suite struct CarriedFieldsTests {
    @Test func onlyFieldsWithAValueAreCounted() {
        var contact = Invented.contact(1)
        contact.organisation = nil
        contact.phones = [Phone(value: "+33 6 00 00 00 01", kinds: [.mobile])]
        let allowed = FieldSet(
            ["name", "organisation", "phone.work", "phone.mobile", "email.work"].compactMap(FieldPath.init(parsing:)))
        #expect(contact.carriedFields(of: allowed).spellings == ["email.work", "name", "phone.mobile"])
        let desired = DesiredCopy(
            collection: CollectionKey(destination: "d"), subject: contact.id,
            content: contact.minimised(to: allowed), fields: allowed)
        #expect(desired.fields.spellings == ["email.work", "name", "phone.mobile"])
    }
}

@Suite struct AddressPartTests {
    @Test func subFieldPathsParseAndPrintBack() {
        for text in ["address.work.city", "address.*.postalcode", "address.home", "address"] {
            #expect(FieldPath(parsing: text)?.description == text, "\(text)")
        }
        #expect(FieldPath(parsing: "address.city") == FieldPath(.address, part: .city))
        #expect(FieldPath(parsing: "address.city")?.description == "address.*.city")
        #expect(FieldPath(parsing: "address.work.planet") == nil)
        #expect(FieldPath(parsing: "phone.work.city") == nil)
        #expect(FieldPath(parsing: "address.work.city.extra") == nil)
    }

    @Test func onlyTheAllowedPartsOfTheAllowedKindsLeave() {
        var contact = Invented.contact(4)
        contact.addresses = [
            PostalAddress(
                kinds: [.work], street: "4 rue de l'Exemple", locality: "Lyon", postalCode: "69000", country: "France",
                label: "4 rue de l'Exemple\n69000 Lyon"),
            PostalAddress(kinds: [.home], street: "9 chemin Privé", locality: "Annecy"),
        ]
        let allowed = FieldSet(["address.work.city", "address.work.postalcode"].compactMap(FieldPath.init(parsing:)))
        let copy = contact.minimised(to: allowed)

        #expect(copy.addresses == [PostalAddress(kinds: [.work], locality: "Lyon", postalCode: "69000")])
        #expect(contact.carriedFields(of: allowed).spellings == ["address.work.city", "address.work.postalcode"])

        let whole = contact.minimised(to: FieldSet([FieldPath(.address, kind: "work")]))
        #expect(whole.addresses == [contact.addresses[0]])
    }
}

@Suite struct HomeKindTests {
    @Test func aValueMarkedHomeLeavesOnlyWhenHomeIsAllowed() {
        var contact = Invented.contact(5)
        contact.addresses = [PostalAddress(kinds: [.home, .work], street: "5 rue Privée", locality: "Lyon")]
        contact.emails = [Email(value: "both@example.org", kinds: [.home, .work])]
        let work = FieldSet(["address.work", "address.work.city", "email.work"].compactMap(FieldPath.init(parsing:)))
        let copy = contact.minimised(to: work)
        #expect(copy.addresses.isEmpty && copy.emails.isEmpty)

        let home = FieldSet(["address.home", "email"].compactMap(FieldPath.init(parsing:)))
        #expect(contact.minimised(to: home).addresses.count == 1)
        #expect(contact.minimised(to: home).emails.count == 1)
    }
}
