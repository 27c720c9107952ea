import EcluseCore
import EcluseFormats
import EcluseImport
import EcluseLogging
import EcluseStore
import EcluseTesting
import Foundation

/// `ecluse-bench`: measures the parts that `make bench` reports, on generated data.
///
/// Usage: `ecluse-bench vcard-import COUNT` prints one line per figure: wall and CPU time of
/// this process around each step; `vcard-parse COUNT` only parses, five times, for a profiler.
/// `ecluse-bench generate COUNT FILE` writes the same invented
/// cards to FILE, for timing the `ecluse` command itself.
@main
struct Bench {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch (arguments.first, arguments.dropFirst().first.flatMap { Int($0) }) {
        case ("vcard-import", let count?) where arguments.count == 2 && count > 0:
            try vCardImport(count: count)
        case ("vcard-parse", let count?) where arguments.count == 2 && count > 0:
            try vCardParse(count: count)
        case ("decide", let count?) where arguments.count == 2 && count > 0:
            decide(count: count)
        case ("generate", let count?) where arguments.count == 3 && count > 0:
            try Data(generated(count).utf8).write(to: URL(fileURLWithPath: arguments[2]))
        default:
            FileHandle.standardError.write(
                Data(
                    "usage: ecluse-bench vcard-import COUNT | vcard-parse COUNT | decide COUNT | generate COUNT FILE\n"
                        .utf8))
            exit(2)
        }
    }

    /// Parses `count` invented vCards five times on one thread and reports each run.
    static func vCardParse(count: Int) throws {
        let bytes = Array(generated(count).utf8)
        for _ in 0..<5 {
            let parse = measure { VCardReader().read(bytes, file: "generated.vcf") }
            guard parse.value.errors.isEmpty, parse.value.cards.count == count else {
                throw BenchFailure("the generated cards did not parse cleanly")
            }
            report("vCard parse", count: count, parse)
        }
    }

    /// Generates `count` invented vCards, then parses them, then parses and stores them.
    static func vCardImport(count: Int) throws {
        let folder = TemporaryFolder("ecluse-bench")
        let text = generated(count)
        let path = try folder.write("generated.vcf", text)
        let bytes = Array(text.utf8)
        print("generated \(count) vCards, \(bytes.count / 1_048_576) MiB")

        let parse = measure { VCardReader().read(bytes, file: path) }
        guard parse.value.errors.isEmpty, parse.value.cards.count == count else {
            throw BenchFailure("the generated file did not parse cleanly: \(parse.value.errors.prefix(3))")
        }
        report("vCard parse", count: count, parse)
        let concurrent = measure { VCardReader().readConcurrently(bytes, file: path) }
        guard concurrent.value.cards.count == count else { throw BenchFailure("the concurrent parse lost cards") }
        report("vCard parse, all cores", count: count, concurrent)

        let bare = try SQLiteStore(path: folder.file("bare.sqlite"))
        let contacts = parse.value.cards.enumerated().map { index, card in
            var contact = card.contact
            contact.id = SubjectID("bench-\(index)")
            return contact
        }
        let saved = try measure {
            try bare.transaction {
                for contact in contacts {
                    try bare.save(contact, provenance: Provenance(source: path, importedAt: Date()))
                }
            }
        }
        report("store.save alone", count: count, saved)

        let store = try SQLiteStore(path: folder.file("ecluse.sqlite"))
        let importer = ContactImporter(store: store, logger: Logger(label: "bench", level: .error))
        let stored = measure { importer.importFile(at: path) }
        guard stored.value.created == count else { throw BenchFailure("the import created \(stored.value.created)") }
        report("vCard parse and store", count: count, stored)
        print("peak memory: \(String(format: "%.1f", peakMemoryMiB())) MiB")
    }

    /// Decides `count` contacts owned by 20 salespeople for one per-user destination (20
    /// collections) whose two rules select by owner, tags and consent, and minimises each copy.
    static func decide(count: Int) {
        let users = (0..<20).map { User(login: "user\($0)") }
        let contacts = (0..<count).map { number in
            Invented.contact(number, owner: "user\(number % 20)", tags: number % 3 == 0 ? ["prospect"] : ["customer"])
        }
        let phones = Destination(name: "phones", kind: .carddav, scope: .perUser)
        let fields = ["name", "organisation", "phone.work", "phone.mobile", "email.work"].compactMap(
            FieldPath.init(parsing:))
        let policy = Policy(
            purposes: [Purpose(name: "calls", legalBasis: .legitimateInterest)], destinations: [phones],
            rules: [
                Rule(
                    purpose: "calls", destination: "phones",
                    subjects: SubjectSelector(owner: .self, tagsAny: ["customer"], tagsNone: ["do-not-call"]),
                    fields: FieldSet(fields)),
                Rule(
                    purpose: "calls", destination: "phones",
                    subjects: SubjectSelector(owner: .self, tagsAny: ["prospect"]),
                    fields: FieldSet([FieldPath(.name), FieldPath(.phone, kind: "work")])),
            ],
            version: "bench")
        let state = measure { DesiredState(policy: policy, contacts: contacts, users: users) }
        let copies = state.value.collections.values.reduce(0) { $0 + $1.count }
        print(
            "decide \(count) contacts × 20 collections: \(String(format: "%.2f", state.wall)) s wall, "
                + "\(String(format: "%.2f", state.cpu)) s CPU, \(copies) copies, "
                + "peak memory \(String(format: "%.1f", peakMemoryMiB())) MiB")
    }

    /// `count` invented cards, owned by 20 salespeople.
    static func generated(_ count: Int) -> String {
        var text = ""
        text.reserveCapacity(count * 600)
        for number in 0..<count { text += Invented.vCard(number, owner: "user\(number % 20)") }
        return text
    }

    static func report<T>(_ label: String, count: Int, _ result: Measured<T>) {
        let rate = Double(count) / max(result.wall, 1e-9)
        print(
            "\(label): \(String(format: "%.2f", result.wall)) s wall, \(String(format: "%.2f", result.cpu)) s CPU, "
                + "\(Int(rate)) cards/s")
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}

struct Measured<T> {
    var value: T
    var wall: Double
    var cpu: Double
}

func measure<T>(_ body: () throws -> T) rethrows -> Measured<T> {
    let cpuStart = cpuSeconds()
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return Measured(value: value, wall: wall, cpu: cpuSeconds() - cpuStart)
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
        + Double(usage.ru_stime.tv_usec) / 1e6
}

func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}
