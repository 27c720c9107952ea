import EcluseConnectors
import EcluseCore
import EcluseTesting
import Foundation
import Testing

@Suite struct VdirConnectorTests {
    let folder = TemporaryFolder()
    let key = CollectionKey(destination: "team")

    func copy(_ number: Int) -> DesiredCopy {
        let contact = Invented.contact(number)
        return DesiredCopy(
            collection: key, subject: contact.id, content: contact.minimised(to: FieldSet([FieldPath(.name)])),
            fields: FieldSet([FieldPath(.name)]))
    }

    @Test func recordedNamesThatLeaveTheFolderAreNeverWrittenOrDeleted() throws {
        let outside = try folder.write("victim.vcf", "not Ecluse's")
        let connector = VdirConnector(collection: key, folder: folder.url.appendingPathComponent("out"))
        try connector.prepare()
        for name in ["../victim.vcf", "/etc/x.vcf", ".hidden.vcf", "sub/x.vcf", "x.txt"] {
            let record = CopyRecord(
                collection: key, subject: SubjectID("s"), copyUID: "u", remoteID: name, etag: nil, contentHash: "h",
                fields: [], createdAt: Date(), updatedAt: Date())
            for operation in [PlannedOperation.delete(record), .update(copy(1), existing: record)] {
                guard case .failed(let error) = try connector.apply([operation]).first else {
                    Issue.record("\(name) was accepted")
                    continue
                }
                #expect(error.code == .invalidConfiguration)
            }
        }
        #expect(FileManager.default.fileExists(atPath: outside))
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "not Ecluse's")
    }

    @Test func temporaryFilesLeftByAKilledRunAreSweptOnPrepare() throws {
        let out = folder.url.appendingPathComponent("out")
        let connector = VdirConnector(collection: key, folder: out)
        try connector.prepare()
        let leftover = out.appendingPathComponent(".ecluse-abc.vcf.4242.tmp")
        try Data("BEGIN:VCARD\r\nFN:Ana Example\r\nEND:VCARD\r\n".utf8).write(to: leftover)
        let foreign = out.appendingPathComponent(".someone-elses.tmp")
        try Data("x".utf8).write(to: foreign)

        try connector.prepare()

        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(FileManager.default.fileExists(atPath: foreign.path))
    }
}
