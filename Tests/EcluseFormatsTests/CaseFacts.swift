import EcluseCore
import EcluseFormats
import Foundation
import Testing

/// The facts an `.expected.json` lists about one contact, checked against what was read.
///
/// Expected kinds map onto Ecluse's: `cell` is `.mobile`; `internet` is no kind for Ecluse,
/// so it is satisfied by any email. Facts Ecluse does not model (`kind`, `events`) are skipped.
struct CaseFacts {
    let name: String
    let card: ReadCard
    let facts: [String: Any]

    private var contact: Contact { card.contact }

    func check() {
        if let version = facts["version"] as? String { #expect(card.version.rawValue == version, "\(name)") }
        if let fn = facts["fn"] as? String { #expect(contact.displayName == fn, "\(name): fn") }
        if let parts = facts["n"] as? [String: String] { checkName(parts) }
        if let org = facts["org"] as? [String] { checkOrganisation(org) }
        if let note = facts["note"] as? String { #expect(contact.note == note, "\(name): note") }
        if let title = facts["title"] as? String { #expect(contact.title == title, "\(name): title") }
        if let tels = facts["tel"] as? [[String: Any]] { checkPhones(tels) }
        if let emails = facts["email"] as? [[String: Any]] { checkEmails(emails) }
        if let addresses = facts["adr"] as? [[String: Any]] { checkAddresses(addresses) }
        if let bday = facts["bday"] { checkBirthday(bday) }
        if let categories = facts["categories"] as? [String] {
            #expect(contact.tags == categories.map { $0.lowercased() }, "\(name): categories")
        }
        if let extensions = facts["extensions"] as? [String: Any] { checkExtensions(extensions) }
        if let photo = facts["photo"] as? [String: Any] { checkPhoto(photo) }
    }

    private func checkName(_ parts: [String: String]) {
        let read = contact.name
        let pairs = [
            ("family", read.family), ("given", read.given), ("additional", read.additional),
            ("prefix", read.prefix), ("suffix", read.suffix),
        ]
        for (key, value) in pairs { #expect(value == parts[key] ?? "", "\(name): n.\(key)") }
    }

    private func checkOrganisation(_ org: [String]) {
        let read = contact.organisation.map { [$0.name] + $0.units } ?? []
        #expect(read == org, "\(name): org")
    }

    private func checkPhones(_ tels: [[String: Any]]) {
        #expect(contact.phones.count == tels.count, "\(name): tel count")
        for (phone, tel) in zip(contact.phones, tels) {
            #expect(phone.value == tel["value"] as? String, "\(name): tel value")
            if let types = tel["types"] as? [String] {
                let kinds = Set(types.compactMap { PhoneKind(rawValue: $0 == "cell" ? "mobile" : $0) })
                #expect(phone.kinds == kinds, "\(name): tel types")
            }
            if let pref = tel["pref"] as? Bool { #expect(phone.preferred == pref, "\(name): tel pref") }
        }
    }

    private func checkEmails(_ emails: [[String: Any]]) {
        #expect(contact.emails.count == emails.count, "\(name): email count")
        for (email, fact) in zip(contact.emails, emails) {
            #expect(email.value == fact["value"] as? String, "\(name): email value")
            if let types = fact["types"] as? [String] {
                let kinds = Set(types.filter { $0 != "internet" }.compactMap(ContactKind.init(rawValue:)))
                #expect(email.kinds == kinds, "\(name): email types")
            }
            if let pref = fact["pref"] as? Bool { #expect(email.preferred == pref, "\(name): email pref") }
        }
    }

    private func checkAddresses(_ addresses: [[String: Any]]) {
        #expect(contact.addresses.count == addresses.count, "\(name): adr count")
        for (address, fact) in zip(contact.addresses, addresses) {
            let pairs = [
                ("pobox", address.poBox), ("extended", address.extended), ("street", address.street),
                ("locality", address.locality), ("region", address.region),
                ("postal_code", address.postalCode), ("country", address.country),
            ]
            for (key, value) in pairs where fact[key] != nil {
                #expect(value == fact[key] as? String, "\(name): adr.\(key)")
            }
            if let types = fact["types"] as? [String] {
                #expect(address.kinds == Set(types.compactMap(ContactKind.init(rawValue:))), "\(name): adr types")
            }
            if let pref = fact["pref"] as? Bool { #expect(address.preferred == pref, "\(name): adr pref") }
            if let label = fact["label"] as? String { #expect(address.label == label, "\(name): adr label") }
        }
    }

    /// A birthday is kept as text; `--0415` and `--04-15` both mean 15 April, year unknown.
    private func checkBirthday(_ bday: Any) {
        guard let parts = bday as? [String: Any] else {
            #expect(contact.birthday == bday as? String, "\(name): bday")
            return
        }
        let digits = (contact.birthday ?? "").filter(\.isNumber)
        let hasYear = !(contact.birthday ?? "").hasPrefix("--")
        let monthDay = String(digits.suffix(4))
        #expect(Int(monthDay.prefix(2)) == parts["month"] as? Int, "\(name): bday month")
        #expect(Int(monthDay.suffix(2)) == parts["day"] as? Int, "\(name): bday day")
        #expect(hasYear == !(parts["year"] is NSNull), "\(name): bday year")
    }

    private func checkExtensions(_ extensions: [String: Any]) {
        for (key, value) in extensions {
            let kept = contact.extras.filter { $0.name == key.uppercased() }.map(\.value)
            let wanted = (value as? [String]) ?? [value as? String].compactMap { $0 }
            #expect(kept == wanted, "\(name): extension \(key)")
        }
    }

    /// The photo stays in extras as written; its payload decodes to the expected bytes.
    private func checkPhoto(_ photo: [String: Any]) {
        let property = contact.extras.first { $0.name == "PHOTO" }
        let raw = property?.value ?? ""
        let payload = raw.range(of: ",").map { String(raw[$0.upperBound...]) } ?? raw
        let bytes = [UInt8](Data(base64Encoded: payload) ?? Data())
        #expect(bytes.count == photo["byte_length"] as? Int, "\(name): photo length")
        let hex = bytes.prefix(4).map { String(format: "%02x", $0) }.joined()
        #expect(hex == photo["first_bytes_hex"] as? String, "\(name): photo first bytes")
        let typeParameter = property?.parameters["TYPE"]?.first?.lowercased()
        let mediaType = typeParameter.map { "image/\($0)" } ?? raw.lowercased().dropFirst(5).prefix(10).description
        #expect(mediaType == photo["mediatype"] as? String, "\(name): photo media type")
    }
}
