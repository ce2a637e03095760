import BulwarkCore
import BulwarkJMESPath
import Foundation
import BulwarkTestSupport
import Testing

@Suite("JMESPath compliance suite")
struct ComplianceTests {
    static let files = ["basic", "boolean", "current", "escape", "filters", "functions", "identifiers", "indices",
                        "literal", "multiselect", "pipe", "slice", "syntax", "unicode", "wildcard"]

    @Test("every result and error case of the upstream suite passes", .enabled(if: SharedCorpus.exists("jmespath")), arguments: files)
    func suite(_ name: String) throws {
        let text = try String(contentsOfFile: SharedCorpus.path("jmespath/\(name).json"), encoding: .utf8)
        let outcome = ComplianceSuite.run(try JSONParser.parseValue(text))
        #expect(outcome.passed > 0)
        for f in outcome.failures { Issue.record("\(name): \(f)") }
    }
}
