import BulwarkCore
@testable import BulwarkDependencies
import Foundation
import Testing
import ZIPFoundation

@Suite struct OSVTests {
    static func record(_ json: String) throws -> OSVRecord {
        try OSVRecord.parse(JSONParser.parse(json, file: "r.json").value, file: "r.json")
    }

    static let lodash = """
        {"id": "GHSA-aaaa-bbbb-cccc", "aliases": ["CVE-2021-23337"], "summary": "Command injection in template",
         "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H"}],
         "affected": [{"package": {"ecosystem": "npm", "name": "lodash"},
                       "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}]}]}
        """

    @Test func semverRangeAndFix() throws {
        let r = try Self.record(Self.lodash)
        #expect(r.affects(ecosystem: .npm, name: "lodash", version: "4.17.20") == true)
        #expect(r.affects(ecosystem: .npm, name: "lodash", version: "4.17.21") == false)
        #expect(r.affects(ecosystem: .npm, name: "lodash", version: "5.0.0-beta.1") == false)
        #expect(r.lowestFix(ecosystem: .npm, name: "lodash", above: "4.17.20") == "4.17.21")
        #expect(r.severity == .high)  // 7.2
    }

    @Test func multipleIntervalsLastAffectedAndVersionsList() throws {
        let r = try Self.record("""
            {"id": "PYSEC-1", "affected": [{"package": {"ecosystem": "PyPI", "name": "Django"},
              "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "3.0"}, {"fixed": "3.2.5"}, {"introduced": "4.0a1"}, {"last_affected": "4.0.2"}]}],
              "versions": ["2.2.99"]}]}
            """)
        let cases: [(String, Bool)] = [("2.9", false), ("3.0", true), ("3.2.4", true), ("3.2.5", false), ("3.9", false),
                                        ("4.0a1", true), ("4.0rc1", true), ("4.0.2", true), ("4.0.3", false), ("2.2.99", true)]
        for (v, expected) in cases {
            #expect(r.affects(ecosystem: .pypi, name: "django", version: v) == expected, "\(v)")
        }
        #expect(r.severity == .medium, "no CVSS and no label: medium")
    }

    @Test func withdrawnRecordsAreNotIndexed() throws {
        var r = try Self.record(Self.lodash)
        r.withdrawn = true
        #expect(OSVDatabase(records: [r]).advisories(ecosystem: .npm, name: "lodash").isEmpty)
    }

    @Test func unreadableVersionIsUndecided() throws {
        let r = try Self.record(Self.lodash)
        #expect(r.affects(ecosystem: .npm, name: "lodash", version: "not-a-version") == nil)
    }

    @Test(arguments: [
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8), ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0),
        ("CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1), ("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.5),
        ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4), ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0),
    ] as [(String, Double)])
    func cvssBaseScores(vector: String, score: Double) {
        #expect(CVSS3.baseScore(vector) == score)
    }

    @Test func databaseLoadsCachesAndReportsCorruptRecords() throws {
        let dir = NSTemporaryDirectory() + "bulwark-osv-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/npm", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.lodash.write(toFile: dir + "/npm/GHSA-aaaa.json", atomically: true, encoding: .utf8)
        try "{\"id\": \"broken\", \"affected\": [".write(toFile: dir + "/npm/broken.json", atomically: true, encoding: .utf8)
        try "{\"summary\": \"no id\"}".write(toFile: dir + "/npm/noid.json", atomically: true, encoding: .utf8)
        let db = try OSVDatabase.load(directory: dir)
        #expect(!db.fromCache)
        #expect(db.records.count == 1)
        #expect(db.problems.count == 2)
        #expect(db.problems.allSatisfy { $0.1.contains(":1:") || $0.1.contains("line") || $0.1.contains(":") })
        let again = try OSVDatabase.load(directory: dir)
        #expect(again.fromCache && again.records.count == 1 && again.problems.count == 2)
        let found = DependencyScanner(database: again).check([LockedPackage(ecosystem: .npm, name: "lodash", version: "4.17.15", location: SourceSpan(file: "package-lock.json", line: 9, column: 5))])
        #expect(found.vulnerable.map(\.advisory.id) == ["GHSA-aaaa-bbbb-cccc"])
        #expect(found.vulnerable.first?.fixedIn == "4.17.21")
    }

    @Test func readsOSVAllZipExports() throws {
        let dir = NSTemporaryDirectory() + "bulwark-osvzip-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let archive = try Archive(url: URL(fileURLWithPath: dir + "/all.zip"), accessMode: .create)
        for (name, text) in [("GHSA-aaaa-bbbb-cccc.json", Self.lodash), ("bad.json", "{\"id\": ")] {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let db = try OSVDatabase.load(directory: dir)
        #expect(db.records.map(\.id) == ["GHSA-aaaa-bbbb-cccc"])
        #expect(db.problems.count == 1 && db.problems[0].0 == "all.zip:bad.json")
    }
}
