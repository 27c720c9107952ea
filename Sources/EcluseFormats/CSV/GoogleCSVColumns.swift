import EcluseCore
import Foundation

/// The columns of a Google Contacts export, older (`Given Name`, `E-mail 1 - Type`) or newer
/// (`First Name`, `E-mail 1 - Label`), and how one row becomes a contact.
///
/// Google puts several values of one kind in one cell, joined by ` ::: `, and marks the
/// primary one with a `* ` prefix on the cell's type (import case 38).
struct GoogleCSVColumns {
    private enum Column {
        case field(CSVField)
        case groups
        case part(GroupKey, String)
        case other
    }

    private struct GroupKey: Hashable {
        var kind: String
        var index: Int
    }

    private static let separator = " ::: "
    private static let systemGroups: Set<String> = ["mycontacts", "starred"]
    private static let groupKinds: Set<String> = [
        "e-mail", "phone", "address", "organization", "website", "custom field",
    ]
    private static let plain: [String: CSVField] = [
        "name": .fullName, "given name": .givenName, "first name": .givenName,
        "additional name": .additionalName, "middle name": .additionalName, "family name": .familyName,
        "last name": .familyName, "name prefix": .namePrefix, "name suffix": .nameSuffix,
        "birthday": .birthday, "notes": .note, "organization name": .organisation,
        "organization title": .title, "organization department": .department,
    ]

    private let header: [String]
    private let columns: [Column]
    private let groups: [GroupKey]

    init(header: [String]) {
        self.header = header
        let columns = header.map(Self.column(for:))
        var groups: [GroupKey] = []
        for case .part(let key, _) in columns where !groups.contains(key) { groups.append(key) }
        self.columns = columns
        self.groups = groups
    }

    /// Whether `header` is a Google Contacts export.
    static func recognises(_ header: [String]) -> Bool {
        header.contains { cell in
            switch column(for: cell) {
            case .groups, .part: true
            case .field(.givenName): CSVMapping.normalised(cell) == "given name"
            default: false
            }
        }
    }

    /// The contact of one row; cells the columns do not model go to `extras`.
    func build(_ cells: [String]) -> CSVContactBuilder {
        var builder = CSVContactBuilder()
        var parts: [GroupKey: [String: String]] = [:]
        for (index, cell) in cells.enumerated() {
            switch columns[index] {
            case .field(let field): builder.apply(field, cell)
            case .groups: builder.addTags(Self.userGroups(in: cell))
            case .part(let key, let part): parts[key, default: [:]][part] = cell
            case .other: builder.keep(column: header[index], value: cell)
            }
        }
        for key in groups {
            add(parts[key] ?? [:], of: key.kind, to: &builder)
        }
        return builder
    }

    private func add(_ parts: [String: String], of kind: String, to builder: inout CSVContactBuilder) {
        let types = GoogleCSVType.types(in: parts["type"] ?? parts["label"] ?? "")
        switch kind {
        case "e-mail":
            for (offset, value) in Self.values(parts["value"]).enumerated() {
                let type = types.for(offset)
                builder.addEmail(
                    Email(value: value, kinds: type.contactKinds, preferred: type.preferred, label: type.label))
            }
        case "phone":
            for (offset, value) in Self.values(parts["value"]).enumerated() {
                let type = types.for(offset)
                builder.addPhone(
                    Phone(value: value, kinds: type.phoneKinds, preferred: type.preferred, label: type.label))
            }
        case "address":
            addAddresses(parts, types: types, to: &builder)
        case "custom field":
            // A custom field whose label is an Ecluse field name (`owner`, `uid`, `tags`…, or the
            // vCard property X-CRM-OWNER) fills that field; any other is kept as it was.
            let label = (parts["type"] ?? parts["label"] ?? "").trimmingWhitespace()
            let value = (parts["value"] ?? "").trimmingWhitespace()
            let field = label.uppercased() == "X-CRM-OWNER" ? CSVField(parsing: "owner") : CSVField(parsing: label)
            if let field {
                builder.apply(field, value)
            } else if !value.isEmpty {
                builder.keep(column: "Custom Field \(label)", value: value)
            }
        case "organization":
            builder.apply(.organisation, Self.values(parts["name"]).first ?? "")
            builder.apply(.department, Self.values(parts["department"]).first ?? "")
            builder.apply(.title, Self.values(parts["title"]).first ?? "")
        default:
            for value in Self.values(parts["value"]) { builder.apply(.url, value) }
        }
    }

    private func addAddresses(_ parts: [String: String], types: GoogleCSVTypes, to builder: inout CSVContactBuilder) {
        let split = parts.mapValues(Self.values)
        let count = split.filter { $0.key != "type" && $0.key != "label" }.map(\.value.count).max() ?? 0
        for offset in 0..<count {
            func part(_ name: String) -> String {
                let values = split[name] ?? []
                return offset < values.count ? values[offset] : ""
            }
            let type = types.for(offset)
            var address = PostalAddress(kinds: type.contactKinds, preferred: type.preferred)
            address.poBox = part("po box")
            address.extended = part("extended address")
            address.street = part("street")
            address.locality = part("city")
            address.region = part("region")
            address.postalCode = part("postal code")
            address.country = part("country")
            let formatted = part("formatted")
            address.label = formatted.isEmpty ? nil : formatted
            builder.addAddress(address)
        }
    }

    /// The values of a cell, split on ` ::: `, trimmed, empty ones left out.
    static func values(_ cell: String?) -> [String] {
        (cell ?? "").components(separatedBy: separator).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// The groups a contact belongs to, without Google's own (`myContacts`, `starred`).
    private static func userGroups(in cell: String) -> [String] {
        values(cell).map { $0.hasPrefix("* ") ? String($0.dropFirst(2)) : $0 }
            .filter { !systemGroups.contains($0.trimmingWhitespace().lowercased()) }
    }

    private static func column(for cell: String) -> Column {
        let name = CSVMapping.normalised(cell)
        if name == "group membership" || name == "labels" { return .groups }
        if let field = plain[name] { return .field(field) }
        guard let dash = name.range(of: " - ") else { return .other }
        let group = name[..<dash.lowerBound].split(separator: " ")
        guard group.count >= 2, let index = group.last.flatMap({ Int($0) }) else { return .other }
        let kind = group.dropLast().joined(separator: " ")
        guard groupKinds.contains(kind) else { return .other }
        return .part(GroupKey(kind: kind, index: index), String(name[dash.upperBound...]))
    }
}

/// The types of a Google cell: one for all its values (`* Home`), or one per value (`Work ::: Home`).
///
/// A `* ` prefix marks the primary value: the first value when one type serves all, else
/// the value whose own type carries it.
struct GoogleCSVTypes {
    private let types: [GoogleCSVType]

    init(_ types: [GoogleCSVType]) { self.types = types }

    /// The type of the value at `offset`.
    func `for`(_ offset: Int) -> GoogleCSVType {
        guard types.count > 1 else {
            var type = types.first ?? GoogleCSVType("")
            type.preferred = type.preferred && offset == 0
            return type
        }
        return offset < types.count ? types[offset] : GoogleCSVType("")
    }
}

/// The type of one Google value (`* Work Fax`): the kinds it names and whether it is primary.
struct GoogleCSVType {
    var preferred: Bool
    var text: String

    init(_ cell: String) {
        let trimmed = cell.trimmingWhitespace()
        preferred = trimmed.hasPrefix("*")
        text = String(trimmed.drop { $0 == "*" || $0 == " " })
    }

    static func types(in cell: String) -> GoogleCSVTypes {
        GoogleCSVTypes(cell.components(separatedBy: " ::: ").map(GoogleCSVType.init))
    }

    private var words: [String] { text.lowercased().split(separator: " ").map(String.init) }

    var contactKinds: Set<ContactKind> { Set(words.compactMap(ContactKind.init(rawValue:))) }

    var phoneKinds: Set<PhoneKind> {
        Set(words.compactMap { PhoneKind(rawValue: $0 == "cell" ? "mobile" : $0) })
    }

    /// The text when it names no kind Ecluse knows (`Main`, `Assistant`), kept as a label.
    var label: String? {
        guard !text.isEmpty, contactKinds.isEmpty, phoneKinds.isEmpty else { return nil }
        return text
    }
}
