import Foundation
import Synchronization

/// Makes the ids of new records: unique, with no meaning, and in creation order.
///
/// An id is 12 hex digits of milliseconds since 1970, 4 of a per-process counter and 16
/// random ones (`0192f4c1a2b3-0001-5e2a9c0d4f6b7a18`). Ids that sort by creation keep the
/// store's primary-key index growing at its end: random ids scattered each insert across the
/// whole index and made imports slow down as the store grew. The random part keeps ids from
/// two processes apart; ids carry no personal data.
public enum RecordID {
    private static let counter = Atomic<UInt16>(0)

    public static func make(at date: Date = Date()) -> String {
        let milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        let sequence = counter.wrappingAdd(1, ordering: .relaxed).newValue
        let random = UInt64.random(in: 0...UInt64.max)
        return hex(milliseconds, digits: 12) + "-" + hex(UInt64(sequence), digits: 4) + "-" + hex(random, digits: 16)
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text.suffix(digits)
    }
}
