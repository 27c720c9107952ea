import Foundation

/// When to send a request again after a server failed or did not answer.
///
/// A value-type state machine: `next(after:)` takes what happened to one attempt and says
/// whether to try again and after how long, so every branch is tested without a network.
/// Timeouts, refused connections and 5xx answers are retried with exponential backoff and
/// jitter; 429 and 503 wait what `Retry-After` asks (RFC 9110 §10.2.3), in seconds or as an
/// HTTP date, as long as it fits the longest wait allowed.
public struct RetrySchedule: Sendable {
    /// What one attempt gave.
    public enum Attempt: Sendable {
        case answered(status: Int, retryAfter: String?)
        case noAnswer
    }

    /// What to do next.
    public enum Step: Sendable, Equatable {
        case retry(after: Double)
        case stop
    }

    public var maximumAttempts: Int
    public var baseDelay: Double
    public var longestWait: Double
    public private(set) var attempts = 0
    private var random: SeededRandom

    public init(maximumAttempts: Int = 4, baseDelay: Double = 0.5, longestWait: Double = 60, seed: UInt64 = 1) {
        self.maximumAttempts = maximumAttempts
        self.baseDelay = baseDelay
        self.longestWait = longestWait
        self.random = SeededRandom(seed: seed)
    }

    /// The step after `attempt`; `now` reads an HTTP-date `Retry-After`.
    public mutating func next(after attempt: Attempt, now: Date = Date()) -> Step {
        attempts += 1
        guard attempts < maximumAttempts else { return .stop }
        switch attempt {
        case .noAnswer:
            return .retry(after: backoff())
        case .answered(let status, let retryAfter):
            guard status == 429 || (500...599).contains(status) else { return .stop }
            if let retryAfter, status == 429 || status == 503 {
                guard let wait = Self.seconds(in: retryAfter, now: now) else { return .retry(after: backoff()) }
                return wait <= longestWait ? .retry(after: wait) : .stop
            }
            return status == 501 || status == 505 ? .stop : .retry(after: backoff())
        }
    }

    /// `baseDelay` doubled at each attempt, with up to a quarter of random jitter.
    private mutating func backoff() -> Double {
        let delay = min(longestWait, baseDelay * Double(1 << min(attempts - 1, 16)))
        return delay * (1 + 0.25 * random.nextUnit())
    }

    /// The wait a `Retry-After` value asks for: delay-seconds or an HTTP date.
    static func seconds(in value: String, now: Date) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text), seconds >= 0 { return Double(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        guard let date = formatter.date(from: text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}

/// A small deterministic generator for jitter, so a schedule can be replayed in tests.
struct SeededRandom: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    /// A number in 0..<1.
    mutating func nextUnit() -> Double {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Double(state >> 11) / Double(1 << 53)
    }
}
