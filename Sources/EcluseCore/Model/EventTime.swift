import Foundation

/// When an event starts or ends, in the three forms RFC 5545 §3.3.4–3.3.5 allows.
public enum EventTime: Sendable, Hashable, Codable {
    /// A calendar date with no time and no zone: an all-day event. Never converted through UTC.
    case date(CalendarDate)
    /// An absolute instant, with the IANA zone it was written in (`nil` means UTC).
    case dateTime(Date, timeZone: String?)
    /// A wall-clock time that means the same local time in every zone.
    case floating(LocalDateTime)

    /// The instant used to order and compare times: all-day dates and floating times are read as UTC.
    public var instant: Date {
        switch self {
        case .date(let date): return LocalDateTime(date: date).instantInUTC
        case .dateTime(let instant, _): return instant
        case .floating(let local): return local.instantInUTC
        }
    }

    public var isAllDay: Bool {
        if case .date = self { return true }
        return false
    }

    /// The zone's name for a zoned time, `nil` for UTC, all-day and floating times.
    public var timeZone: String? {
        if case .dateTime(_, let zone) = self { return zone }
        return nil
    }
}

/// A day of the Gregorian calendar.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// ISO 8601, `2025-05-19`.
    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }
}

/// A date and a wall-clock time, with no zone.
public struct LocalDateTime: Sendable, Hashable, Comparable, Codable {
    public var date: CalendarDate
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(date: CalendarDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.date, lhs.hour, lhs.minute, lhs.second) < (rhs.date, rhs.hour, rhs.minute, rhs.second)
    }

    /// This wall-clock time read in UTC.
    public var instantInUTC: Date {
        instant(in: TimeZone(identifier: "UTC") ?? .current)
    }

    /// This wall-clock time read in `zone`; a time skipped by a DST change moves forward.
    public func instant(in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = DateComponents(
            year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second)
        return calendar.date(from: parts) ?? Date(timeIntervalSince1970: 0)
    }

    /// The wall-clock time of `instant` in `zone`.
    public init(_ instant: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        self.init(
            date: CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1),
            hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0)
    }
}
