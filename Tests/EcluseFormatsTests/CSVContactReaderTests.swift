import EcluseCore
import EcluseFormats
import Testing

/// Reading contacts from Google, Outlook and mapped tables, with the messages a user sees.
@Suite struct CSVContactReaderTests {
    private let reader = ContactCSVReader()

    @Test("The newer Google layout reads labels, kinds, groups, addresses and websites")
    func googleLabelsLayout() throws {
        let result = reader.read(CSVFixtures.bytes("google-labels.csv"), file: "g.csv")
        #expect(result.layout == .googleContacts)
        #expect(result.errors.isEmpty)
        let contact = try #require(result.contacts.first).contact

        #expect(contact.displayName == "Bruno Exemple")
        #expect(contact.organisation == Organisation(name: "Exemple SA", units: ["Achats"]))
        #expect(contact.title == "Acheteur")
        #expect(contact.birthday == "1980-02-29")
        #expect(contact.tags == ["prospect"])
        #expect(contact.emails.map(\.kinds) == [[.work], [.home]])
        #expect(contact.emails.map(\.preferred) == [true, false])
        #expect(contact.phones.map(\.kinds) == [[.work, .fax], []])
        #expect(contact.phones.last?.label == "Main")
        #expect(contact.urls == ["https://example.org/bruno"])
        let address = try #require(contact.addresses.first)
        #expect(address.street == "3 rue Exemple" && address.locality == "Lyon" && address.kinds == [.work])
        #expect(address.label == "3 rue Exemple, 69000 Lyon")
        #expect(contact.extras.map(\.name) == ["X-CSV-Nickname"])
    }

    @Test("A Google row with nothing in it is skipped with a warning naming its line")
    func emptyRowIsSkipped() {
        let result = reader.read(CSVFixtures.bytes("google-labels.csv"), file: "g.csv")
        #expect(result.contacts.count == 1)
        #expect(
            result.warnings.map(\.description) == [
                "g.csv:3: warning: row has no name, email, phone or organisation; skipped"
            ])
    }

    @Test("Outlook in English: names, company, phones by kind, a two-line street, categories")
    func outlookEnglish() throws {
        let result = reader.read(CSVFixtures.bytes("outlook-en.csv"), file: "o.csv")
        #expect(result.layout == .outlookEnglish)
        #expect(result.errors.isEmpty)
        let read = try #require(result.contacts.first)
        let contact = read.contact

        #expect(read.location.line == 2)
        #expect(contact.name.prefix == "Mme" && contact.name.given == "Chloé" && contact.name.family == "Exemple")
        #expect(contact.displayName == "Mme Chloé Exemple")
        #expect(read.warnings.map(\.message) == ["row has no full name; the display name was derived"])
        #expect(contact.organisation == Organisation(name: "Exemple Conseil", units: ["Ventes"]))
        #expect(contact.title == "Directrice commerciale")
        #expect(contact.phones.map(\.kinds) == [[.work], [.mobile], [.work, .fax]])
        #expect(contact.emails.map(\.value) == ["chloe@example.org", "chloe.perso@example.org"])
        #expect(contact.addresses.first?.street == "10 avenue Exemple\nBâtiment C")
        #expect(contact.tags == ["customer", "vip"])
        #expect(contact.birthday == nil)
        #expect(contact.note == "Préfère le matin")
        #expect(contact.extras == [RawProperty(name: "X-CSV-Sensitivity", value: "Normal")])
    }

    @Test("Outlook in French: the first Titre is the courtesy title, the second the job")
    func outlookFrench() throws {
        let result = reader.read(CSVFixtures.bytes("outlook-fr.csv"), file: "f.csv")
        #expect(result.layout == .outlookFrench)
        let contact = try #require(result.contacts.first).contact

        #expect(contact.name.prefix == "M." && contact.title == "Gérant")
        #expect(contact.name.given == "Denis" && contact.name.family == "Exemple")
        #expect(contact.organisation?.name == "Exemple Fils")
        #expect(contact.phones.map(\.value) == ["+33 2 00 00 00 00", "+33 6 00 00 00 04"])
        #expect(contact.phones.map(\.kinds) == [[.work], [.mobile]])
        #expect(contact.addresses.first?.locality == "Nantes" && contact.addresses.first?.postalCode == "44000")
        #expect(contact.emails.map(\.value) == ["denis@example.org"])
        #expect(contact.tags == ["client"])
        #expect(contact.extras.isEmpty)
    }

    @Test("A mapping file reads any table; unmapped columns stay in extras")
    func mappingFile() throws {
        let mapping = try CSVMapping(parsing: CSVFixtures.text("crm.mapping"), file: "crm.mapping")
        let result = reader.read(CSVFixtures.bytes("crm-table.csv"), file: "crm.csv", mapping: mapping)
        #expect(result.layout == .mapped)
        #expect(result.errors.isEmpty)
        let contact = try #require(result.contacts.first).contact

        #expect(contact.sourceUID == "crm-1")
        #expect(contact.displayName == "Eva Exemple")
        #expect(contact.organisation?.name == "Exemple Énergie")
        #expect(contact.emails == [Email(value: "eva@example.org", kinds: [.work])])
        #expect(contact.phones == [Phone(value: "+33 6 00 00 00 05", kinds: [.mobile])])
        #expect(contact.owner == "jdupont")
        #expect(contact.tags == ["client", "vip"])
        #expect(contact.extras == [RawProperty(name: "X-CSV-Chiffre d'affaires", value: "12 000")])
        #expect(result.warnings.map(\.location.line) == [3])
    }

    @Test("A mapping column the file lacks is a warning on the header line")
    func mappingColumnMissing() throws {
        let mapping = try CSVMapping(parsing: "Contact = name\nFax = phone.fax\n", file: "m.txt")
        let result = reader.read(Array("Contact\nEva Exemple\n".utf8), file: "a.csv", mapping: mapping)
        #expect(result.contacts.count == 1)
        #expect(
            result.warnings.map(\.description) == [
                "a.csv:1: warning: the mapping names column 'Fax', which the header does not have"
            ])
    }

    @Test(
        "A mapping error names the mapping file's line",
        arguments: [
            ("# comment\nCourriel email.work\n", "m.txt:2: mapping line has no '='"),
            ("Courriel = email.work\n\n = name\n", "m.txt:3: mapping line names no column before '='"),
            ("Portable = phone.mobil\n", "m.txt:1: mapping line names an unknown field"),
        ])
    func mappingErrorNamesLine(_ text: String, _ expected: String) {
        #expect {
            try CSVMapping(parsing: text, file: "m.txt")
        } throws: { error in
            (error as? FormatError).map { "\($0.location): \($0.message)" } == expected
        }
    }

    @Test("Mapping fields combine kinds and name address parts")
    func mappingFieldSpellings() {
        #expect(CSVField(parsing: "phone.work.fax") == .phone([.work, .fax]))
        #expect(CSVField(parsing: "phone.cell") == .phone([.mobile]))
        #expect(CSVField(parsing: " Address.Home.PostalCode ") == .address([.home], .postalCode))
        #expect(CSVField(parsing: "email") == .email([]))
        #expect(CSVField(parsing: "email.fax") == nil)
    }

    @Test("An unknown header without a mapping is one error that says what to do")
    func unknownLayout() {
        let result = reader.read(Array("Col A,Col B\nx,y\n".utf8), file: "u.csv")
        #expect(result.contacts.isEmpty)
        #expect(
            result.errors.map(\.description) == [
                "u.csv:1: the header matches no known layout (Google Contacts, Outlook in English, Outlook in French). "
                    + "Export again in one of these layouts, or pass a mapping file: one 'column = field' line per "
                    + "column, such as 'Courriel = email.work' or 'Portable = phone.mobile'"
            ])
    }

    @Test("A row without a name is named from its organisation, else its email")
    func displayNameFallbacks() {
        let text = "First Name,Company,E-mail Address\n,Exemple SA,\n,,ana@example.org\n"
        let result = reader.read(Array(text.utf8), file: "o.csv")
        #expect(result.contacts.map(\.contact.displayName) == ["Exemple SA", "ana@example.org"])
        #expect(result.contacts.flatMap(\.warnings).count == 2)
    }

    @Test("Errors and warnings never quote a cell")
    func messagesCarryNoPersonalData() {
        let text = "First Name,E-mail Address\nAna,ana@example.org,extra\n,\nAna,ana@example.org\n"
        let result = reader.read(Array(text.utf8), file: "o.csv")
        let messages =
            (result.errors.map(\.description) + result.warnings.map(\.description)
            + result.contacts.flatMap(\.warnings).map(\.description)).joined(separator: "\n")
        #expect(result.errors.count == 1 && result.warnings.count == 1)
        #expect(!messages.contains("Ana") && !messages.contains("example.org"))
    }

    @Test("An empty file is one error")
    func emptyFile() {
        let result = reader.read([UInt8](), file: "e.csv")
        #expect(result.errors.map(\.location.description) == ["e.csv:1"])
    }
}
