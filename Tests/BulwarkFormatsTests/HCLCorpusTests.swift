import BulwarkCore
import BulwarkFormats
import BulwarkTestSupport
import Foundation
import Testing

/// Every Terraform file of the upstream corpus parses, except those listed as must-fail
/// (which must give a clean error) and either (either outcome, no crash).
@Suite("HCL corpus")
struct HCLCorpusTests {
    static func list(_ name: String) -> Set<String> {
        let text = (try? String(contentsOfFile: SharedCorpus.path("tf-parse/\(name)"), encoding: .utf8)) ?? ""
        return Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    @Test("the tf-parse corpus parses; must-fail files fail with a position", .enabled(if: SharedCorpus.exists("tf-parse")))
    func corpus() throws {
        let root = SharedCorpus.path("tf-parse/files")
        let files = (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".tf") }.sorted()
        let mustFail = Self.list("must-fail.txt"), either = Self.list("either.txt")
        var parsed = 0, failedAsExpected = 0
        var unexpected: [String] = []
        for rel in files {
            let text = try String(contentsOfFile: root + "/" + rel, encoding: .utf8)
            do {
                _ = try HCLParser.parse(text, file: rel)
                if mustFail.contains(rel) { unexpected.append("\(rel): parsed but must fail") } else { parsed += 1 }
            } catch let e as BulwarkError {
                if mustFail.contains(rel) {
                    failedAsExpected += 1
                    #expect(e.location != nil)
                } else if !either.contains(rel) {
                    unexpected.append(e.description)
                }
            }
        }
        for u in unexpected.prefix(40) { Issue.record(Comment(rawValue: u)) }
        #expect(unexpected.isEmpty, "\(unexpected.count) unexpected outcomes; \(parsed) parsed")
        #expect(files.count == 1503)
        print("hcl corpus: \(parsed) parsed, \(failedAsExpected) failed as expected, \(unexpected.count) unexpected")
    }
}
