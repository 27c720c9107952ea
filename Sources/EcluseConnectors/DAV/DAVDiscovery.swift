import EcluseCore
import Foundation

/// Finds where a user's address books or calendars live on a server, from its address alone
/// (RFC 6764 §6): the `.well-known` address, then the user's principal (RFC 5397), then the
/// principal's home set (RFC 6352 §7.1.1, RFC 4791 §6.2.1).
///
/// Every request carries the user's credentials, so discovery never leaves the server it was
/// given: a redirect or an href to another origin is an error, not a hop.
struct DAVDiscovery {
    let connector: DAVConnector

    /// The URL of the user's home for collections of the connector's kind, ending with `/`.
    func home() throws -> String {
        let events = connector.format.items == .events
        let context = try contextURL(wellKnown: events ? "caldav" : "carddav")
        let principal = try href(
            .currentUserPrincipal, at: context, body: DAVBodies.propfindPrincipal, while: "finding the user's principal"
        )
        let homeSet: Multistatus.Name = events ? .calendarHomeSet : .addressBookHomeSet
        let home = try href(
            homeSet, at: principal, body: events ? DAVBodies.propfindCalendarHome : DAVBodies.propfindAddressBookHome,
            while: "finding the user's home")
        return home.hasSuffix("/") ? home : home + "/"
    }

    /// Where the server's DAV service starts: where `/.well-known/…` leads, or the address given.
    private func contextURL(wellKnown name: String) throws -> String {
        let wellKnown = connector.origin + "/.well-known/" + name
        let answer = try connector.send(
            HTTPRequest(
                .propfind, url: wellKnown, headers: ["Depth": "0", "Content-Type": DAVBodies.xmlContentType],
                body: DAVBodies.propfindPrincipal),
            while: "asking the server's .well-known address")
        guard (300..<400).contains(answer.status), let location = answer.headers["Location"] else {
            return connector.collectionURL
        }
        return try sameOrigin(connector.url(of: location), "the .well-known address redirects")
    }

    /// The `href` value of `property` at `url`.
    private func href(_ property: Multistatus.Name, at url: String, body: [UInt8], while action: String) throws
        -> String
    {
        let answer = try connector.send(
            HTTPRequest(
                .propfind, url: url, headers: ["Depth": "0", "Content-Type": DAVBodies.xmlContentType], body: body),
            while: action)
        guard answer.status == 207 else { throw connector.failure(answer, while: action) }
        let multistatus = try connector.parse(answer, while: action)
        guard let found = multistatus.responses.lazy.compactMap({ $0.href(of: property) }).first else {
            throw ConnectorError(
                .invalidConfiguration, destination: connector.collection.description,
                message: "the server does not say \(property.local) while \(action)",
                fix: "Write the collection's address in `url` instead of `discover`")
        }
        return try sameOrigin(connector.url(of: found), "the server's answer points")
    }

    private func sameOrigin(_ url: String, _ what: String) throws -> String {
        guard let (origin, _) = DAVConnector.split(url), origin == connector.origin else {
            throw ConnectorError(
                .invalidConfiguration, destination: connector.collection.description,
                message: "\(what) to another server, where Ecluse will not send the credentials",
                fix: "Write the collection's address in `url` instead of `discover`")
        }
        return url
    }
}
