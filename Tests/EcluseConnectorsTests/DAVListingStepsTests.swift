import EcluseCore
import Testing

@testable import EcluseConnectors

/// Each path of a DAV listing, step by step and with no network: what is asked next, and what
/// listing and state come out.
@Suite("DAV listing steps")
struct DAVListingStepsTests {
    let known = [
        RemoteItem(remoteID: "/book/a.vcf", etag: "\"a1\""), RemoteItem(remoteID: "/book/b.vcf", etag: "\"b1\""),
        RemoteItem(remoteID: "/book/c.vcf", etag: "\"c1\""),
    ]
    let syncing = DAVListingSteps.Facts(supportsSyncCollection: true, syncToken: "token-9", ctag: "ctag-9")

    @Test("A saved token asks the changes; changed items take their etag, removed ones go, others stay")
    func changesSinceTheToken() {
        var steps = DAVListingSteps(known: known, saved: "sync-token token-5", facts: syncing)
        #expect(steps.start() == .report(token: "token-5"))

        let action = steps.next(
            after: .reported(
                changed: [RemoteItem(remoteID: "/book/a.vcf", etag: "\"a2\"")], removed: ["/book/b.vcf"],
                token: "token-9", truncated: false))

        let expected = Listing(
            items: [
                RemoteItem(remoteID: "/book/a.vcf", etag: "\"a2\""),
                RemoteItem(remoteID: "/book/c.vcf", etag: "\"c1\""),
            ], state: "sync-token token-9")
        #expect(action == .finish(expected))
    }

    @Test("Without a saved token the first REPORT has an empty token, and its answer is the whole listing")
    func firstListing() {
        var steps = DAVListingSteps(known: known, saved: nil, facts: syncing)
        #expect(steps.start() == .report(token: ""))

        let action = steps.next(
            after: .reported(
                changed: [RemoteItem(remoteID: "/book/a.vcf", etag: "\"a1\"")], removed: [], token: "token-9",
                truncated: false))

        #expect(
            action
                == .finish(
                    Listing(items: [RemoteItem(remoteID: "/book/a.vcf", etag: "\"a1\"")], state: "sync-token token-9")))
    }

    @Test("A truncated answer is followed with the token it gave until complete")
    func truncatedAnswers() {
        var steps = DAVListingSteps(known: known, saved: "sync-token token-5", facts: syncing)
        _ = steps.start()

        let first = steps.next(
            after: .reported(
                changed: [RemoteItem(remoteID: "/book/a.vcf", etag: "\"a2\"")], removed: [], token: "token-7",
                truncated: true))
        #expect(first == .report(token: "token-7"))
        let second = steps.next(
            after: .reported(changed: [], removed: ["/book/c.vcf"], token: "token-9", truncated: false))

        let items = [
            RemoteItem(remoteID: "/book/a.vcf", etag: "\"a2\""), RemoteItem(remoteID: "/book/b.vcf", etag: "\"b1\""),
        ]
        #expect(second == .finish(Listing(items: items, state: "sync-token token-9")))
    }

    @Test("A truncated answer that does not move the token ends in a PROPFIND listing")
    func truncatedWithoutProgress() {
        var steps = DAVListingSteps(known: known, saved: "sync-token token-5", facts: syncing)
        _ = steps.start()

        let action = steps.next(after: .reported(changed: [], removed: [], token: "token-5", truncated: true))

        #expect(action == .listAll)
    }

    @Test("An invalid token starts over with an empty one; an empty one refused lists with PROPFIND")
    func invalidToken() {
        var steps = DAVListingSteps(known: known, saved: "sync-token expired", facts: syncing)
        #expect(steps.start() == .report(token: "expired"))

        #expect(steps.next(after: .reportRefused(invalidToken: true)) == .report(token: ""))
        #expect(steps.next(after: .reportRefused(invalidToken: false)) == .listAll)

        // After a PROPFIND, the token kept is the property read before it (RFC 6578 §4).
        #expect(steps.next(after: .listedAll(known)) == .finish(Listing(items: known, state: "sync-token token-9")))
    }

    @Test("Another error on a saved token lists with PROPFIND, not an error")
    func otherRefusal() {
        var steps = DAVListingSteps(known: known, saved: "sync-token token-5", facts: syncing)
        _ = steps.start()

        #expect(steps.next(after: .reportRefused(invalidToken: false)) == .listAll)
    }

    @Test("Without sync-collection, an unchanged collection tag gives the known items with no request")
    func unchangedTag() {
        let facts = DAVListingSteps.Facts(ctag: "ctag-3")
        var unchanged = DAVListingSteps(known: known, saved: "tag ctag-3", facts: facts)
        var changed = DAVListingSteps(known: known, saved: "tag ctag-2", facts: facts)
        var fromToken = DAVListingSteps(known: known, saved: "sync-token token-5", facts: facts)

        #expect(unchanged.start() == .finish(Listing(items: known, state: "tag ctag-3")))
        #expect(changed.start() == .listAll)
        #expect(fromToken.start() == .listAll)
        #expect(changed.next(after: .listedAll(known)) == .finish(Listing(items: known, state: "tag ctag-3")))
    }

    @Test("A server with neither lists with PROPFIND and keeps no state")
    func noState() {
        var steps = DAVListingSteps(known: known, saved: "tag ctag-3", facts: DAVListingSteps.Facts())

        #expect(steps.start() == .listAll)
        #expect(steps.next(after: .listedAll(known)) == .finish(Listing(items: known, state: nil)))
    }
}
