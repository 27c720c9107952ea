import EcluseCore
import Foundation

/// The text rules of RFC 5545 §3.1 and §3.3 that the writer needs: escaping, folding, times.
enum ICalText {
    /// A TEXT value with `\`, `;`, `,` and line breaks escaped (RFC 5545 §3.3.11).
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r\n", "\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// One content line folded at 75 octets with CRLF and a space, never inside a UTF-8 sequence.
    static func folded(_ line: String) -> String {
        var out = ""
        var width = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if width + size > 75 {
                out += "\r\n "
                width = 1
            }
            out.unicodeScalars.append(scalar)
            width += size
        }
        return out + "\r\n"
    }

    /// `20250305T090000Z` for an instant in UTC.
    static func utc(_ instant: Date) -> String {
        local(LocalDateTime(instant, in: utcZone)) + "Z"
    }

    /// `20250305T090000` for a wall-clock time.
    static func local(_ time: LocalDateTime) -> String {
        date(time.date) + String(format: "T%02d%02d%02d", time.hour, time.minute, time.second)
    }

    /// `20250305` for a calendar date.
    static func date(_ date: CalendarDate) -> String {
        String(format: "%04d%02d%02d", date.year, date.month, date.day)
    }

    static let utcZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
}
