import EcluseCore

/// The meaning of `TYPE` values, read and written.
///
/// `PREF` is a preference flag, never a kind: `TYPE=pref` in 2.1 and 3.0, `PREF=1` in 4.0
/// (RFC 6350 section 5.3). `INTERNET`, `POSTAL` and the like say nothing Ecluse models.
enum VCardTypes {
    static func phoneKinds(_ property: VCardProperty) -> (Set<PhoneKind>, Bool) {
        var kinds: Set<PhoneKind> = []
        let types = property.types
        for type in types {
            switch type {
            case "work": kinds.insert(.work)
            case "home": kinds.insert(.home)
            case "cell", "mobile", "iphone": kinds.insert(.mobile)
            case "fax": kinds.insert(.fax)
            case "pager": kinds.insert(.pager)
            case "voice": kinds.insert(.voice)
            case "text", "msg": kinds.insert(.text)
            case "video": kinds.insert(.video)
            case "other": kinds.insert(.other)
            default: break
            }
        }
        return (kinds, isPreferred(property, types: types))
    }

    static func contactKinds(_ property: VCardProperty) -> (Set<ContactKind>, Bool) {
        var kinds: Set<ContactKind> = []
        let types = property.types
        for type in types {
            switch type {
            case "work": kinds.insert(.work)
            case "home": kinds.insert(.home)
            case "other": kinds.insert(.other)
            default: break
            }
        }
        return (kinds, isPreferred(property, types: types))
    }

    /// `PREF=1` (or a bare `PREF`) and `TYPE=pref` mark the preferred item.
    ///
    /// - Parameter types: the property's `types`, when the caller has them already.
    static func isPreferred(_ property: VCardProperty, types: [String]? = nil) -> Bool {
        if (types ?? property.types).contains("pref") { return true }
        guard let values = property.parameters["PREF"] else { return false }
        return values.contains { Int($0.trimmingWhitespace()).map { $0 <= 1 } ?? true }
    }

    /// Apple writes its own labels as `_$!<Mobile>!$_`; Ecluse keeps `mobile`.
    static func readableLabel(_ label: String) -> String {
        let trimmed = label.trimmingWhitespace()
        guard trimmed.hasPrefix("_$!<"), trimmed.hasSuffix(">!$_"), trimmed.count >= 8 else { return trimmed }
        return String(trimmed.dropFirst(4).dropLast(4)).lowercased()
    }

    /// The phone kinds one of Apple's labels stands for (`mobile`, `homefax`…), if any.
    static func phoneKinds(ofLabel label: String) -> Set<PhoneKind> {
        switch label.lowercased() {
        case "mobile", "iphone", "cell": [.mobile]
        case "home": [.home]
        case "work", "main": [.work]
        case "homefax": [.home, .fax]
        case "workfax": [.work, .fax]
        case "otherfax": [.other, .fax]
        case "pager": [.pager]
        case "other": [.other]
        default: []
        }
    }

    /// The email or address kinds one of Apple's labels stands for, if any.
    static func contactKinds(ofLabel label: String) -> Set<ContactKind> {
        switch label.lowercased() {
        case "home": [.home]
        case "work": [.work]
        case "other": [.other]
        default: []
        }
    }

    /// The TYPE values written for a phone, in a stable order.
    static func names(of kinds: Set<PhoneKind>) -> [String] {
        kinds.map { $0 == .mobile ? "cell" : $0.rawValue }.sorted()
    }

    static func names(of kinds: Set<ContactKind>) -> [String] {
        kinds.map(\.rawValue).sorted()
    }
}
