import EcluseConnectors
import EcluseCore
import EcluseImport
import EcluseLogging
import EcluseStore
import EcluseSync
import EcluseTesting
import Foundation
import Testing

/// The vCard exports of ten real applications (kept outside the project, in `../shared`) go
/// through the whole path to a real Radicale, which must accept every copy.
@Suite struct PeerExportsToRadicaleTests {
    static var peerFolder: URL? {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        let folder = root.appendingPathComponent("shared/corpus/peer-files/vcard-app-exports")
        return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }

    @Test(.enabled(if: peerFolder != nil, "../shared/corpus is absent: the peer exports are not part of the project"))
    func everyPeerExportReachesRadicaleWithEveryField() throws {
        let folder = try #require(Self.peerFolder)
        let radicale = try Radicale()
        defer { radicale.stop() }
        let workspace = TemporaryFolder()
        let store = try SQLiteStore(path: workspace.file("ecluse.sqlite"))
        let logger = Logger(label: "test", sink: .capturing())

        let importer = ContactImporter(store: store, logger: logger)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".vcf") }
        #expect(files.count >= 10)
        for file in files.sorted() {
            let result = importer.importFile(at: folder.appendingPathComponent(file).path)
            #expect(!result.refused, "\(file) was refused: \(result.errors)")
        }
        let contacts = try store.contactCount()

        let everything = FieldSet(ContactField.allCases.map { FieldPath($0) })
        let destination = Destination(
            name: "book", kind: .carddav,
            // Radicale creates a user's principal collection on that user's first request.
            settings: ["url": radicale.url("peer/exports/"), "username": "peer", "password": "invented"])
        let policy = Policy(
            purposes: [Purpose(name: "test", legalBasis: .contract)], destinations: [destination],
            rules: [Rule(purpose: "test", destination: "book", fields: everything)], version: "v1")
        let factory = ConnectorFactory(baseFolder: workspace.url, environment: [:], logger: logger)
        let engine = SyncEngine(store: store, policy: policy, connectors: factory, logger: logger)

        let report = engine.run(try engine.plan())
        #expect(report.succeeded, "\(report.collections.flatMap(\.failures))")
        #expect(report.collections.first?.created == contacts)

        let connector = try factory.connector(for: destination, collection: CollectionKey(destination: "book"))
        #expect(try connector.listItems().count == contacts)
        #expect(try engine.plan().allSatisfy { $0.operations.isEmpty })
    }
}
