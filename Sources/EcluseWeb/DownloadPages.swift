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

    /// "Add to my phone" from the list: the chosen contacts in one file, one entry each.
    func downloadChosen(_ context: WebContext) throws -> Response {
        let user = try context.user
        var ids: [SubjectID] = []
        for value in context.form.values("id") where !ids.contains(SubjectID(value)) { ids.append(SubjectID(value)) }
        guard !ids.isEmpty else { throw WebRefusal(422, "Choose at least one contact.") }
        guard ids.count <= Self.chosenLimit else { throw WebRefusal(422, "Choose at most 20 contacts at a time.") }
        let text = try servedCards(ids, context, user, action: .downloaded)
        var response = Response.bytes(Array(text.utf8), contentType: "text/vcard; charset=utf-8")
        response.headers.set("Content-Disposition", "attachment; filename=\"contacts.vcf\"")
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// The most contacts one download may carry: a few for the road, not an export.
    static let chosenLimit = 20

    /// The card of the route's contact, recorded; see `servedCards`.
    private func preparedCard(_ context: WebContext, _ user: Session, action: LedgerAction) throws -> String {
        try servedCards([SubjectID(context.request.parameters["id"] ?? "")], context, user, action: action)
    }

    /// Checks the purpose, the destination's attestations and the user's phone, then builds
    /// the cards and records one ledger entry per card, all in one transaction, before they
    /// are served (promise 3). Throws `WebRefusal` when a check fails: 404 for one contact
    /// the user may not see, and for several, one message that does not say which.
    private func servedCards(
        _ ids: [SubjectID], _ context: WebContext, _ user: Session, action: LedgerAction
    ) throws -> String {
        let chosen = context.form["purpose"] ?? ""
        let contacts = try store.use { store in try ids.compactMap { try store.contact($0) } }
        let lens = context.lens
        let now = clock.now()
        let decision = try decisionContext(lens, login: user.login, contacts: contacts, at: now)
        var visible = 0
        var permitted: [(contact: Contact, permit: ContactLens.Permit)] = []
        for contact in contacts {
            guard let view = lens.view(of: contact, for: user.login, in: decision) else { continue }
            visible += 1
            guard let permit = view.permits.first(where: { $0.key == chosen }) else { continue }
            permitted.append((contact, permit))
        }
        let isCard = context.request.parameters["id"] != nil
        guard permitted.count == ids.count, let destination = permitted.first?.permit.destination else {
            if isCard, visible == 0 { throw WebRefusal(404, "This page does not exist.") }
            throw WebRefusal(
                422,
                isCard
                    ? "Choose what you need the contact for." : "Some chosen contacts cannot be taken for this purpose."
            )
        }
        try checkMayServe(destination, user, context.policy, at: now)

        let collection = CollectionKey(destination: destination.name, user: user.login)
        var texts: [String] = []
        var drafts: [LedgerDraft] = []
        let key = try store.use { try $0.pseudonymKey() }
        for (contact, permit) in permitted {
            // A card carries only the chosen purpose's fields, never the union of all purposes.
            let uid = collection.copyUID(for: contact.id)
            let text = VCardWriter().write(contact.minimised(to: permit.fields), uid: uid, version: .v30)
            // The entry cannot name the chosen purpose yet: the ledger has no purpose field
            // (known gap, docs/known-gaps.md); the fields and the policy version say what was
            // allowed.
            drafts.append(
                LedgerDraft(
                    recordedAt: now, action: action, collection: collection,
                    subject: Pseudonymizer(key: key).pseudonym(for: contact.id), copyUID: uid,
                    contentHash: SHA256.hex(text), fields: contact.carriedFields(of: permit.fields).spellings,
                    policyVersion: context.policy.version))
            texts.append(text)
        }
        try store.use { store in
            try store.transaction { for draft in drafts { try store.recordServed(draft) } }
        }
        logger.info(
            "served contact cards",
            metadata: [
                "action": .plain(action.rawValue), "destination": .plain(destination.name),
                "cards": .plain(String(texts.count)),
            ])
        return texts.joined()
    }

    /// Refuses when the destination's attestations are not on file or the user's phone is
    /// not attested.
    private func checkMayServe(_ destination: Destination, _ user: Session, _ policy: Policy, at now: Date) throws {
        let (attestations, devices) = try store.use { store in
            (try store.attestations(), try store.deviceAttestations())
        }
        if let reason = Eligibility(of: destination, attestations: attestations, at: now).reason {
            logger.notice(
                "download refused: destination not eligible",
                metadata: ["destination": .plain(destination.name), "reason": .plain(reason)])
            throw WebRefusal(403, "Downloads are suspended: the attestations they need are not on file.")
        }
        if policy.devicePreamble?.holdReason(for: user.login, attestations: devices, at: now) != nil {
            throw WebRefusal(403, "Record your phone's security on the “My phone” page first.")
        }
    }
}
