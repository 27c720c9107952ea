import EcluseCore
import EcluseHTTP
import Foundation

/// Reads and checks query parameters; a bad one is a 400 that names it, not its value.
struct APIQuery {
    static let maximumLimit = 500

    let request: Request

    func text(_ name: String) -> String? {
        guard let value = request.query(name), !value.isEmpty else { return nil }
        return value
    }

    func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = text(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw APIProblems.badParameter(name, "takes a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// `limit` (1–500) and `offset` (0 or more).
    func page(defaultLimit: Int = 50) throws -> (limit: Int, offset: Int) {
        (
            try integer("limit", default: defaultLimit, in: 1...Self.maximumLimit),
            try integer("offset", default: 0, in: 0...Int(Int32.max))
        )
    }

    func day(_ name: String) throws -> CalendarDate? {
        guard let text = text(name) else { return nil }
        guard let date = CalendarDate(isoDay: text) else {
            throw APIProblems.badParameter(name, "takes a date of the calendar written YYYY-MM-DD")
        }
        return date
    }
}

extension CalendarDate {
    /// A date written YYYY-MM-DD that exists in the calendar; nil otherwise.
    init?(isoDay text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
            calendar.component(.day, from: date) == day
        else { return nil }
        self.init(year: year, month: month, day: day)
    }
}
