import EcluseCore
import Foundation

/// Reads iCalendar files (RFC 5545) into calendar events, through libical.
///
/// The reader never throws and never stops at the first problem: each VEVENT is read on its
/// own, an event with an error is left out whole, and the result lists every error with its
/// file, line and fix. Messages carry property names only, never values (GDPR: summaries,
/// names and addresses are personal data). Every loop runs over the input once.
public struct ICalReader: Sendable {
    public init() {}

    public func read(_ data: Data, file: String) -> ICalReadResult {
        read([UInt8](data), file: file)
    }

    public func read(_ bytes: [UInt8], file: String) -> ICalReadResult {
        var scanner = ICalScanner(file: file)
        scanner.scan(bytes)
        var result = ICalReadResult(errors: scanner.errors)
        let blocks = scanner.events

        let built: [(ICalBlock, CalendarEvent)] = LibICal.run {
            let zones = ICalTimeZoneResolver(blocks: scanner.timeZones)
            var builder = ICalEventBuilder(file: file, zones: zones)
            var events: [(ICalBlock, CalendarEvent)] = []
            for block in blocks {
                switch builder.build(block) {
                case .success(let event): events.append((block, event))
                case .failure(let error): result.errors.append(error)
                }
            }
            result.warnings += builder.warnings
            return events
        }
        var keys = UIDKeys(file: file)
        for (block, event) in built {
            guard let keyed = keys.key(event, block: block) else { continue }
            result.events.append(keyed)
        }
        result.warnings += keys.warnings
        result.errors.sort { $0.location.line < $1.location.line }
        return result
    }
}

/// Gives every event a UID that is unique in the file and stable across imports of it.
///
/// A missing UID, or one shared by distinct events that are no RECURRENCE-ID overrides, is
/// replaced by a hash of the event's content (as khal does); a true duplicate (same content)
/// is dropped. Each case leaves a warning; the UID itself is not quoted in it.
private struct UIDKeys {
    var file: String
    var warnings: [FormatWarning] = []
    private var seen: [String: String] = [:]

    init(file: String) { self.file = file }

    mutating func key(_ event: CalendarEvent, block: ICalBlock) -> CalendarEvent? {
        var event = event
        let hash = ICalEventBuilder.contentHash(of: block)
        let derived = "ecluse-" + hash.prefix(32) + "@derived.invalid"
        guard let uid = event.sourceUID else {
            warn("event has no UID; one was derived from its content", line: block.beginLine)
            event.uid = derived
            return event
        }
        let key = event.recurrenceID.map { "\(uid)\u{0}\($0.timeIntervalSince1970)" } ?? uid
        guard let earlier = seen[key] else {
            seen[key] = hash
            return event
        }
        guard earlier != hash else {
            warn("event repeats an earlier one with the same UID; the copy was skipped", line: block.beginLine)
            return nil
        }
        warn("UID already used by a distinct event; this one was given a derived UID", line: block.beginLine)
        event.uid = derived
        return event
    }

    private mutating func warn(_ message: String, line: Int) {
        warnings.append(FormatWarning(message, at: SourceLocation(file: file, line: line)))
    }
}
