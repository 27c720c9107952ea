import Foundation

/// Windows time zone names and their IANA equivalents.
///
/// Exchange and Outlook write `TZID=W. Europe Standard Time` and often no VTIMEZONE. The pairs
/// are the published CLDR `windowsZones` mapping for territory 001 (the "golden" zone of each
/// Windows name).
enum WindowsTimeZones {
    static func ianaName(for windowsName: String) -> String? {
        table[windowsName.trimmingCharacters(in: .whitespaces)]
    }

    private static let table: [String: String] = [
        // Europe
        "GMT Standard Time": "Europe/London",
        "Greenwich Standard Time": "Atlantic/Reykjavik",
        "W. Europe Standard Time": "Europe/Berlin",
        "Romance Standard Time": "Europe/Paris",
        "Central Europe Standard Time": "Europe/Budapest",
        "Central European Standard Time": "Europe/Warsaw",
        "E. Europe Standard Time": "Europe/Chisinau",
        "FLE Standard Time": "Europe/Kiev",
        "GTB Standard Time": "Europe/Bucharest",
        "Russian Standard Time": "Europe/Moscow",
        "Kaliningrad Standard Time": "Europe/Kaliningrad",
        "Belarus Standard Time": "Europe/Minsk",
        "Turkey Standard Time": "Europe/Istanbul",
        "Astrakhan Standard Time": "Europe/Astrakhan",
        "Russia Time Zone 3": "Europe/Samara",
        "Saratov Standard Time": "Europe/Saratov",
        "Volgograd Standard Time": "Europe/Volgograd",
        "Azores Standard Time": "Atlantic/Azores",
        "Cape Verde Standard Time": "Atlantic/Cape_Verde",
        "UTC": "Etc/UTC",
        "Coordinated Universal Time": "Etc/UTC",
        // North America
        "Eastern Standard Time": "America/New_York",
        "Central Standard Time": "America/Chicago",
        "Mountain Standard Time": "America/Denver",
        "US Mountain Standard Time": "America/Phoenix",
        "Pacific Standard Time": "America/Los_Angeles",
        "Alaskan Standard Time": "America/Anchorage",
        "Hawaiian Standard Time": "Pacific/Honolulu",
        "Aleutian Standard Time": "America/Adak",
        "Atlantic Standard Time": "America/Halifax",
        "Newfoundland Standard Time": "America/St_Johns",
        "US Eastern Standard Time": "America/Indianapolis",
        "Canada Central Standard Time": "America/Regina",
        "Central Standard Time (Mexico)": "America/Mexico_City",
        "Pacific Standard Time (Mexico)": "America/Tijuana",
        "Mountain Standard Time (Mexico)": "America/Mazatlan",
        // South America, Africa, Middle East
        "SA Pacific Standard Time": "America/Bogota",
        "E. South America Standard Time": "America/Sao_Paulo",
        "Argentina Standard Time": "America/Buenos_Aires",
        "Morocco Standard Time": "Africa/Casablanca",
        "W. Central Africa Standard Time": "Africa/Lagos",
        "South Africa Standard Time": "Africa/Johannesburg",
        "Egypt Standard Time": "Africa/Cairo",
        "Israel Standard Time": "Asia/Jerusalem",
        "Arabian Standard Time": "Asia/Dubai",
        "Arab Standard Time": "Asia/Riyadh",
        // Asia, Oceania
        "India Standard Time": "Asia/Calcutta",
        "China Standard Time": "Asia/Shanghai",
        "Singapore Standard Time": "Asia/Singapore",
        "Tokyo Standard Time": "Asia/Tokyo",
        "Korea Standard Time": "Asia/Seoul",
        "SE Asia Standard Time": "Asia/Bangkok",
        "AUS Eastern Standard Time": "Australia/Sydney",
        "E. Australia Standard Time": "Australia/Brisbane",
        "W. Australia Standard Time": "Australia/Perth",
        "New Zealand Standard Time": "Pacific/Auckland",
    ]
}
