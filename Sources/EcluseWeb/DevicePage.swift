import EcluseCore
import EcluseHTTP
import EcluseLedger
import EcluseLogging
import EcluseStore
import Foundation

/// "My phone": the user's statement that their phone meets the policy's device preamble,
/// recorded as `ecluse device attest` records it.
extension WebApp {
    func devicePage(_ context: WebContext) throws -> Response {
        let user = try context.user
        let devices = try store.use { try $0.deviceAttestations() }
        return deviceForm(user, devices: devices, preamble: context.policy.devicePreamble, status: 200, t: context.t)
    }

    func attestDevice(_ context: WebContext) throws -> Response {
        let user = try context.user
        guard let preamble = context.policy.devicePreamble else { return .seeOther("/device") }
        let ticked = context.form.values("condition")
        let device = (context.form["device"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let missing = preamble.conditions.filter { !ticked.contains($0) }
        guard missing.isEmpty, !device.isEmpty, device.count <= 200 else {
            let devices = try store.use { try $0.deviceAttestations() }
            let message =
                device.isEmpty || device.count > 200
                ? "Describe your phone (model and system) in at most 200 characters."
                : "Every condition must hold before anything reaches your phone. "
                    + "Tick each one, or have the phone fixed first."
            return deviceForm(
                user, devices: devices, preamble: preamble, message: context.t(message), status: 422, t: context.t)
        }
        let attestation = DeviceAttestation(
            user: user.login, conditions: preamble.conditions, device: device, attestedAt: clock.now())
        try store.use { try $0.add(attestation) }
        logger.info("device attested", metadata: ["login": .sensitive(user.login)])
        return .seeOther("/device")
    }

    private func deviceForm(
        _ user: Session, devices: [DeviceAttestation], preamble: DevicePreamble?, message: String? = nil,
        status: Int, t: Strings
    ) -> Response {
        guard let preamble else {
            let body = "<p>\(t("The policy asks nothing about your phone."))</p>"
            return Page(title: t("My phone"), body: body, session: user, strings: t, status: status).response
        }
        let now = clock.now()
        let mine = devices.filter { $0.user == user.login }.max { $0.attestedAt < $1.attestedAt }
        var body = ""
        if let message { body += "<p class=\"error\" role=\"alert\">\(HTML.escape(message))</p>" }
        if preamble.holdReason(for: user.login, attestations: devices, at: now) != nil {
            body += "<p class=\"notice\">\(t("Your phone has no current attestation."))</p>"
        } else if let mine {
            let until = mine.attestedAt.addingTimeInterval(preamble.validFor.seconds)
            body += "<p>\(t("Your phone is recorded until {}.", String(LedgerTime.format(until).prefix(10))))</p>"
        }
        body += """
            <form method="post" action="/device">\(HTML.csrfField(user))
            <fieldset><legend>\(t("My phone meets each of these conditions"))</legend>
            """
        for (index, condition) in preamble.conditions.enumerated() {
            body += """
                <label class="check" for="condition-\(index)"><input type="checkbox" id="condition-\(index)" \
                name="condition" value="\(HTML.escape(condition))">\(HTML.escape(Self.label(condition)))</label>
                """
        }
        body += """
            </fieldset>
            <label for="device">\(t("Phone (model and system)"))</label>
            <input type="text" id="device" name="device" maxlength="200" required>
            <div class="actions"><button type="submit">\(t("Record"))</button></div>
            </form>
            """
        return Page(title: t("My phone"), body: body, session: user, strings: t, status: status).response
    }

    /// `encrypted-storage` reads "Encrypted storage".
    private static func label(_ condition: String) -> String {
        let words = condition.replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
