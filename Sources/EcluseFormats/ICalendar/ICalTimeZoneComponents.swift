import CICal
import Foundation

/// VTIMEZONE components for IANA zones, from the tz database that libical reads.
///
/// libical names its builtin zones with a prefix of its own; the TZID is set back to the plain
/// IANA name so that it matches the TZID parameters the writer puts on times.
enum ICalTimeZoneComponents {
    /// The VTIMEZONE's unfolded content lines for `name`, or `nil` when libical does not know it.
    static func lines(for name: String) -> [String]? {
        LibICal.run {
            guard let zone = name.withCString({ icaltimezone_get_builtin_timezone($0) }),
                let component = OwnedComponent(cloning: icaltimezone_get_component(zone))
            else { return nil }
            guard let tzid = component.first(ICAL_TZID_PROPERTY) else { return nil }
            name.withCString { icalproperty_set_tzid(tzid, $0) }
            guard let text = component.text else { return nil }
            return ICalScanner.unfold(Array(text.utf8)).map(\.text)
        }
    }
}
