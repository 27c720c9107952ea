import CICal
import EcluseCore
import Foundation

/// Turns a TZID and a wall-clock time into an instant and a zone name.
///
/// The order follows what calendar programs have learnt to accept: the file's own VTIMEZONE
/// (RFC 5545 §3.6.5), then the name as an IANA zone, then as a Windows zone name, then the
/// IANA name at the end of a prefixed TZID (`/mozilla.org/20050126_1/Europe/Paris`).
/// Not Sendable: it owns libical zones, used only inside `LibICal.run`.
final class ICalTimeZoneResolver {
    /// A TZID that could be read: the zone's IANA name if known, and how to place a wall-clock time.
    struct Resolution {
        var name: String?
        var instant: (LocalDateTime) -> Date
    }

    private var fileZones: [String: OpaquePointer] = [:]

    init(blocks: [ICalBlock]) {
        for block in blocks {
            guard let component = block.text.withCString({ icalcomponent_new_from_string($0) }) else { continue }
            guard let zone = icaltimezone_new() else {
                icalcomponent_free(component)
                continue
            }
            // On success icaltimezone_set_component takes the component over, and
            // icaltimezone_free(zone, 1) frees both; on failure the component is still ours.
            guard icaltimezone_set_component(zone, component) != 0 else {
                icaltimezone_free(zone, 1)
                icalcomponent_free(component)
                continue
            }
            guard let tzid = icaltimezone_get_tzid(zone) else {
                icaltimezone_free(zone, 1)
                continue
            }
            let name = String(cString: tzid)
            if let previous = fileZones[name] { icaltimezone_free(previous, 1) }
            fileZones[name] = zone
        }
    }

    deinit {
        for zone in fileZones.values { icaltimezone_free(zone, 1) }
    }

    func resolve(_ tzid: String) -> Resolution? {
        let name = Self.ianaName(for: tzid)
        if let zone = fileZones[tzid] {
            return Resolution(name: name ?? tzid) { local in
                Date(timeIntervalSince1970: TimeInterval(icaltime_as_timet_with_zone(local.icalTime, zone)))
            }
        }
        guard let name, let foundation = TimeZone(identifier: name) else { return nil }
        return Resolution(name: name) { $0.instant(in: foundation) }
    }

    /// The IANA name that `tzid` stands for, if any.
    static func ianaName(for tzid: String) -> String? {
        let trimmed = tzid.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\"")))
        if TimeZone(identifier: trimmed) != nil, trimmed.contains("/") || trimmed == "UTC" { return trimmed }
        if let windows = WindowsTimeZones.ianaName(for: trimmed) { return windows }
        let parts = trimmed.split(separator: "/")
        for count in [3, 2] where parts.count > count {
            let tail = parts.suffix(count).joined(separator: "/")
            if TimeZone(identifier: tail) != nil { return tail }
        }
        return nil
    }
}

extension LocalDateTime {
    /// This time as a zoneless libical time.
    var icalTime: icaltimetype {
        var time = icaltime_null_time()
        time.year = Int32(date.year)
        time.month = Int32(date.month)
        time.day = Int32(date.day)
        time.hour = Int32(hour)
        time.minute = Int32(minute)
        time.second = Int32(second)
        return time
    }

    init(_ time: icaltimetype) {
        self.init(
            date: CalendarDate(year: Int(time.year), month: Int(time.month), day: Int(time.day)),
            hour: time.is_date != 0 ? 0 : Int(time.hour), minute: time.is_date != 0 ? 0 : Int(time.minute),
            second: time.is_date != 0 ? 0 : Int(time.second))
    }
}
