import Foundation

/// Where "now" comes from. Time is an input: tests pass a fixed or moving clock.
public protocol Clock: Sendable {
    func now() -> Date
}

/// The system's wall clock.
public struct SystemClock: Clock {
    public init() {}

    public func now() -> Date { Date() }
}

/// A clock that says what it is told, for tests and reproducible runs.
public struct FixedClock: Clock {
    public var date: Date

    public init(_ date: Date) { self.date = date }

    public func now() -> Date { date }
}
