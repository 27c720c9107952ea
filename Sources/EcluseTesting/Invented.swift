import EcluseCore
import Foundation

/// Invented people for tests: example.org addresses and numbers from the fictional ranges.
public enum Invented {
    static let givenNames = ["Ana", "Bruno", "Chloé", "David", "Emma", "Farid", "Gaëlle", "Hugo", "Inès", "Jules"]
    static let familyNames = ["Example", "Exemple", "Muster", "Durand-Test", "Fictif", "Modèle"]

    /// A contact with a work phone, a mobile, a work email, a home address, a note and a birthday.
    public static func contact(
        _ number: Int,
        owner: String = "alice",
        tags: [String] = ["customer"]
    ) -> Contact {
        let given = givenNames[number % givenNames.count]
        let family = familyNames[number % familyNames.count]
        let digits = String(format: "%02d", number % 100)
        return Contact(
            id: SubjectID("subject-\(number)"),
            sourceUID: "crm-\(number)",
            name: PersonName(formatted: "\(given) \(family)", family: family, given: given),
            organisation: Organisation(name: "Exemple \(number % 7) SARL"),
            title: "Acheteur",
            phones: [
                Phone(value: "+33 1 00 00 00 \(digits)", kinds: [.work]),
                Phone(value: "+33 6 00 00 00 \(digits)", kinds: [.mobile]),
                Phone(value: "+33 4 00 00 00 \(digits)", kinds: [.home]),
            ],
            emails: [
                Email(value: "person\(number)@example.org", kinds: [.work]),
                Email(value: "home\(number)@example.net", kinds: [.home]),
            ],
            addresses: [PostalAddress(kinds: [.home], street: "\(number) rue de l'Exemple", locality: "Lyon")],
            birthday: "1980-01-\(String(format: "%02d", number % 28 + 1))",
            note: "Private note \(number)",
            tags: tags,
            owner: owner)
    }

    /// A vCard 3.0 text for `contact`-like invented data, as a CRM would export it.
    public static func vCard(
        _ number: Int, owner: String = "alice", categories: String = "customer",
        phone: String? = nil
    ) -> String {
        let contact = contact(number, owner: owner)
        return """
            BEGIN:VCARD\r
            VERSION:3.0\r
            UID:crm-\(number)\r
            N:\(contact.name.family);\(contact.name.given);;;\r
            FN:\(contact.displayName)\r
            ORG:\(contact.organisation?.name ?? "")\r
            TITLE:Acheteur\r
            TEL;TYPE=WORK:\(phone ?? contact.phones[0].value)\r
            TEL;TYPE=CELL:\(contact.phones[1].value)\r
            TEL;TYPE=HOME:\(contact.phones[2].value)\r
            EMAIL;TYPE=WORK:\(contact.emails[0].value)\r
            EMAIL;TYPE=HOME:\(contact.emails[1].value)\r
            ADR;TYPE=HOME:;;\(contact.addresses[0].street);Lyon;;69000;France\r
            NOTE:Private note \(number)\r
            BDAY:\(contact.birthday ?? "")\r
            CATEGORIES:\(categories)\r
            X-CRM-OWNER:\(owner)\r
            END:VCARD\r

            """
    }
}
