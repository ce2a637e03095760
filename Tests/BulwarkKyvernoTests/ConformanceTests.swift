import BulwarkCore
import BulwarkFormats
import BulwarkKyverno
import Foundation
import BulwarkTestSupport
import Testing

/// The upstream Kyverno policy suites in `../shared/conformance/kyverno` run through the
/// same runner as `bulwark policy test`, in strict mode.
@Suite("Kyverno conformance corpus")
struct ConformanceTests {
    static func testFiles() -> [String] {
        guard let e = FileManager.default.enumerator(atPath: SharedCorpus.path("kyverno")) else { return [] }
        return e.compactMap { $0 as? String }.filter { $0.hasSuffix("kyverno-test.yaml") }.sorted()
    }

    @Test("every expected row of every upstream test matches (strict)", .enabled(if: SharedCorpus.exists("kyverno")))
    func corpus() throws {
        let files = Self.testFiles()
        #expect(files.count == 76)
        var rows = 0
        for rel in files {
            let file = SharedCorpus.path("kyverno/" + rel)
            let doc = try DocumentLoader.load(path: file)[0]
            let outcome = TestRunner(strict: true).run(try KyvernoTest(doc), file: file) { path in
                let dir = (file as NSString).deletingLastPathComponent
                return try DocumentLoader.load(path: (dir as NSString).appendingPathComponent(path))
            }
            rows += outcome.rows.count
            for e in outcome.errors { Issue.record("\(rel): \(e)") }
            for r in outcome.rows where !r.passed {
                Issue.record("\(rel): \(r.row.policy)/\(r.row.rule) \(r.resource): expected \(r.row.result), got \(r.actual?.rawValue ?? "-") \(r.note ?? "")")
            }
        }
        #expect(rows > 1000)
    }
}
