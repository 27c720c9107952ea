import EcluseConnectors
import Foundation
import Testing

@Suite struct RetryScheduleTests {
    @Test func serverErrorsAreRetriedWithGrowingWaitsThenGivenUp() {
        var schedule = RetrySchedule(maximumAttempts: 4, baseDelay: 0.5, longestWait: 60)
        var waits: [Double] = []
        while case .retry(let wait) = schedule.next(after: .answered(status: 502, retryAfter: nil)) {
            waits.append(wait)
        }
        #expect(waits.count == 3)
        for (wait, base) in zip(waits, [0.5, 1.0, 2.0]) {
            #expect(wait >= base && wait <= base * 1.25, "\(waits)")
        }
    }

    @Test func retryAfterIsHonouredInSecondsAndAsADate() {
        var seconds = RetrySchedule()
        #expect(seconds.next(after: .answered(status: 503, retryAfter: "7")) == .retry(after: 7))

        var date = RetrySchedule()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let later = "Fri, 15 Jan 2027 08:00:30 GMT"
        #expect(date.next(after: .answered(status: 429, retryAfter: later), now: now) == .retry(after: 30))
    }

    @Test func aWaitLongerThanAllowedStops() {
        var schedule = RetrySchedule(longestWait: 60)
        #expect(schedule.next(after: .answered(status: 429, retryAfter: "3600")) == .stop)
    }

    @Test func answersThatAnotherTryCannotMendStopAtOnce() {
        for status in [200, 201, 204, 207, 400, 401, 403, 404, 409, 412, 501] {
            var schedule = RetrySchedule()
            #expect(schedule.next(after: .answered(status: status, retryAfter: nil)) == .stop, "\(status)")
        }
    }

    @Test func noAnswerIsRetriedUpToTheLimit() {
        var schedule = RetrySchedule(maximumAttempts: 3)
        #expect(schedule.next(after: .noAnswer) != .stop)
        #expect(schedule.next(after: .noAnswer) != .stop)
        #expect(schedule.next(after: .noAnswer) == .stop)
    }
}
