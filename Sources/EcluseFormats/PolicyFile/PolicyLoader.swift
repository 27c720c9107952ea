import EcluseCore
import EcluseCrypto

/// Reads a policy file (YAML) into a validated `Policy`.
///
/// Every problem is collected before anything is thrown, each with its file, line, column and
/// fix, so that a DPO corrects the whole file in one pass. The policy's version is the SHA-256
/// of the file's bytes: any edit, even to a comment, is a new version in the ledger.
public struct PolicyLoader: Sendable {
    static let sections = ["controller", "purposes", "destinations", "rules", "device-preamble"]

    public init() {}

    /// The policy in `bytes`; `file` names it in error messages.
    ///
    /// Throws a `PolicyError` listing every problem when the file is not valid.
    public func load(_ bytes: [UInt8], file: String) throws(PolicyError) -> Policy {
        let root: YAMLNode?
        do throws(FormatError) {
            root = try YAMLReader().read(bytes, file: file)
        } catch {
            throw PolicyError(problems: [error])
        }
        guard let root else {
            let start = SourceLocation(file: file, line: 1, column: 1)
            let fix = "Start from sample/policy.yaml: a policy needs at least \"purposes:\"."
            throw PolicyError(problems: [FormatError("the policy file is empty", at: start, fix: fix)])
        }

        var diagnostics = PolicyDiagnostics(file: file)
        let policy = read(root, version: SHA256.hex(bytes), &diagnostics)
        guard let policy, diagnostics.problems.isEmpty else {
            throw PolicyError(problems: diagnostics.problems)
        }
        return policy
    }

    private func read(_ root: YAMLNode, version: String, _ diagnostics: inout PolicyDiagnostics) -> Policy? {
        guard let pairs = diagnostics.mapping(root, named: "the policy") else { return nil }
        let sections = diagnostics.keyed(
            pairs, allowed: Self.sections, in: "the policy", listing: "The sections of a policy are")

        let controller = sections["controller"].flatMap { readController($0.value, &diagnostics) }
        let purposes = readPurposes(sections["purposes"], root: root, &diagnostics)
        let destinations = readDestinations(sections["destinations"], &diagnostics)
        let declared = DeclaredNames(purposes: purposes.names, destinations: destinations)
        let rules = readRules(sections["rules"], declared: declared, &diagnostics)
        let preamble = sections["device-preamble"].flatMap { readDevicePreamble($0.value, &diagnostics) }
        // A folder holds the appointments of its rules when they send appointments.
        let valid = destinations.valid.map { destination in
            var destination = destination
            if rules.contains(where: { $0.destination == destination.name && $0.eraseDetails != nil }) {
                destination.items = .events
            }
            return destination
        }

        return Policy(
            controller: controller,
            purposes: purposes.valid,
            destinations: valid,
            rules: rules,
            devicePreamble: preamble,
            version: version
        )
    }

    /// Reads `device-preamble: { conditions: [...], valid-for: 180d }`.
    private func readDevicePreamble(_ node: YAMLNode, _ diagnostics: inout PolicyDiagnostics) -> DevicePreamble? {
        guard let pairs = diagnostics.mapping(node, named: "\"device-preamble\"") else { return nil }
        let values = diagnostics.keyed(
            pairs, allowed: ["conditions", "valid-for"], in: "the device preamble",
            listing: "The keys of the device preamble are")
        let conditionsNode = diagnostics.required(
            "conditions", in: values, of: "the device preamble", at: node,
            fix: "List what a phone must meet, such as [encrypted-storage, screen-lock, remote-wipe].")
        let periodNode = diagnostics.required(
            "valid-for", in: values, of: "the device preamble", at: node,
            fix: "Say how long an attestation holds, such as 180d.")
        guard let conditionsNode, let conditions = diagnostics.texts(conditionsNode, named: "\"conditions\""),
            let periodNode, let text = diagnostics.text(periodNode, named: "\"valid-for\"")
        else { return nil }
        guard !conditions.isEmpty else {
            diagnostics.report(
                "the device preamble lists no condition", at: conditionsNode,
                fix: "List at least one condition, or remove the device preamble.")
            return nil
        }
        guard let period = Period(parsing: text) else {
            diagnostics.report(
                "\"valid-for\" should be a length of time such as 180d or 26w", at: periodNode,
                fix: "Write a whole number of days (d) or weeks (w), at most 36500d (100 years).")
            return nil
        }
        return DevicePreamble(conditions: conditions, validFor: period)
    }

    private func readController(_ node: YAMLNode, _ diagnostics: inout PolicyDiagnostics) -> Controller? {
        guard let pairs = diagnostics.mapping(node, named: "\"controller\"") else { return nil }
        let values = diagnostics.keyed(
            pairs, allowed: ["name", "dpo"], in: "the controller", listing: "The keys of the controller are")

        let nameNode = diagnostics.required(
            "name", in: values, of: "the controller", at: node,
            fix: "Add \"name:\" with the company's legal name.")
        guard let nameNode, let name = diagnostics.text(nameNode, named: "\"name\"") else { return nil }

        // The DPO's address is personal data: `text` reports a wrong type without echoing it.
        let dpo = values["dpo"].flatMap { diagnostics.text($0.value, named: "\"dpo\"") }
        return Controller(name: name, dpo: dpo)
    }
}

/// The purposes and destinations a policy declares, valid or not, for checking rules.
///
/// A rule that names a declared but broken destination gets no second error about the name.
struct DeclaredNames {
    var purposes: [String]
    var destinations: DestinationsRead
}
