import EcluseCore
import EcluseCrypto
import EcluseFormats
import EcluseHTTP
import EcluseLedger
import EcluseLogging
import EcluseStore
import Foundation

/// "Add to my phone": the minimised vCard as a file or as a QR code, each one in the ledger.
extension WebApp {
    func downloadVCard(_ context: WebContext) throws -> Response {
        let user = try context.user
        let text = try preparedCard(context, user, action: .downloaded)
        var response = Response.bytes(Array(text.utf8), contentType: "text/vcard; charset=utf-8")
        // A fixed file name: the name of the person would reach the browser's download list
        // and any proxy log; the phone reads the name from the card itself.
        response.headers.set("Content-Disposition", "attachment; filename=\"contact.vcf\"")
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    func showQRCode(_ context: WebContext) throws -> Response {
        let user = try context.user
        let t = context.t
        let text = try preparedCard(context, user, action: .shownAsQRCode)
        // A card that does not fit is refused after its entry: the entry then overstates
        // what left, never understates it.
        guard let svg = QRCode(Array(text.utf8))?.svg(title: t("QR code of the contact card")) else {
            throw WebRefusal(422, "This card is too large for a QR code; download it instead.")
        }
        let back = "/contacts/\(HTML.percentEncode(context.request.parameters["id"] ?? ""))"
        let body = """
            <p>\(t("Scan this code with your phone's camera to add the contact."))</p>
            \(svg)
            <p class="muted">\(t("This display is recorded as a download."))</p>
            <p><a href="\(back)">\(t("Back to the card"))</a></p>
            """
        return Page(title: t("Scan to add"), body: body, session: user, strings: t).response
    }

    /// Checks the purpose, the destination's attestations and the user's phone, then builds
    /// the card and records the ledger entry before it is served (promise 3); throws
    /// `WebRefusal` when one check fails.
    private func preparedCard(_ context: WebContext, _ user: Session, action: LedgerAction) throws -> String {
        let view = try visibleContact(context, user)
        let chosen = context.form["purpose"] ?? ""
        guard let permit = view.permits.first(where: { "\($0.destination.name)/\($0.purpose.name)" == chosen }) else {
            throw WebRefusal(422, "Choose what you need the contact for.")
        }
        let now = clock.now()
        let (attestations, devices) = try store.use { store in
            (try store.attestations(), try store.deviceAttestations())
        }
        if let reason = Eligibility(of: permit.destination, attestations: attestations, at: now).reason {
            logger.notice(
                "download refused: destination not eligible",
                metadata: ["destination": .plain(permit.destination.name), "reason": .plain(reason)])
            throw WebRefusal(403, "Downloads are suspended: the attestations they need are not on file.")
        }
        let policy = context.policy
        if policy.devicePreamble?.holdReason(for: user.login, attestations: devices, at: now) != nil {
            throw WebRefusal(403, "Record your phone's security on the “My phone” page first.")
        }

        // The card carries only the chosen purpose's fields, never the union of all purposes.
        let contact = try store.use { try $0.contact(view.contact.id) } ?? view.contact
        let minimised = contact.minimised(to: permit.fields)
        let collection = CollectionKey(destination: permit.destination.name, user: user.login)
        // The entry cannot name the chosen purpose yet: the ledger has no purpose field (known
        // gap, docs/known-gaps.md); the fields and the policy version say what was allowed.
        let text = VCardWriter().write(minimised, uid: collection.copyUID(for: contact.id), version: .v30)
        try store.use { store in
            let pseudonym = Pseudonymizer(key: try store.pseudonymKey()).pseudonym(for: contact.id)
            let draft = LedgerDraft(
                recordedAt: now, action: action, collection: collection, subject: pseudonym,
                copyUID: collection.copyUID(for: contact.id), contentHash: SHA256.hex(text),
                fields: contact.carriedFields(of: permit.fields).spellings, policyVersion: policy.version)
            try store.recordServed(draft)
        }
        logger.info(
            "served a contact card",
            metadata: ["action": .plain(action.rawValue), "destination": .plain(permit.destination.name)])
        return text
    }
}
