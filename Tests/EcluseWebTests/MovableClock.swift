import EcluseCore
import Foundation
import Synchronization

/// A clock a test moves forward by hand.
final class MovableClock: Clock {
    private let date: Mutex<Date>

    init(_ date: Date = Date()) { self.date = Mutex(date) }

    func now() -> Date { date.withLock { $0 } }

    func advance(by seconds: TimeInterval) { date.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
