import BulwarkCore
@testable import BulwarkReport
import BulwarkRules
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("Reports")
struct ReportTests {
    static let input: ReportInput = {
        var suppressed = Finding(RuleRegistry.metadata("K8S-017")!, message: "not pinned", at: SourceSpan(file: "k8s/pod.yaml", line: 7, column: 5),
                                 resource: ResourceRef(kind: "Pod", name: "web", namespace: "shop"), attributePath: "/spec/containers/0/image/")
        suppressed.suppression = Suppression(kind: .waiver, reason: "migration <soon>", expires: "2027-01-01", owner: "team-a")
        let findings = [
            Finding(RuleRegistry.metadata("K8S-001")!, message: "Privileged & \"dangerous\"", at: SourceSpan(file: "k8s/pod.yaml", line: 6, column: 5),
                    resource: ResourceRef(kind: "Pod", name: "web", namespace: "shop"), attributePath: "/spec/containers/0/securityContext/privileged/"),
            suppressed,
            Finding(RuleRegistry.metadata("DF-005")!, at: SourceSpan(file: "Dockerfile", line: 1, column: 1), attributePath: "stage[0].HEALTHCHECK"),
        ]
        var rules: [String: RuleMetadata] = [:]
        for m in RuleRegistry.all { rules[m.id] = m }
        return ReportInput(findings: findings, unparsed: [.init(location: SourceSpan(file: "bad.yaml", line: 2, column: 3), message: "invalid YAML")],
                           filesScanned: 4, sources: ["k8s/pod.yaml": ["a", "b", "c", "d", "e", "  - name: app", "    image: nginx"]],
                           rules: rules, failOn: .high, toolVersion: "0.1.0")
    }()

    @Test("JSON carries every documented field and the summary")
    func json() throws {
        let v = try JSONParser.parseValue(ReportFormat.json.renderer().render(Self.input))
        #expect(v["schema"] == "bulwark.scan/v1")
        #expect(v["summary"]?["findings"] == 2)
        #expect(v["summary"]?["suppressed"] == 1)
        #expect(v["summary"]?["failing"] == 1)
        #expect(v["summary"]?["bySeverity"]?["high"] == 1)
        let f = try #require(v["findings"]?.arrayValue?.first)
        for key in ["ruleId", "aliases", "severity", "title", "message", "file", "line", "column", "resource", "controls", "fingerprint", "suppressed"] {
            #expect(f[key] != nil, "missing \(key)")
        }
        #expect(f["aliases"] == ["CKV_K8S_16"])
        #expect(f["resource"]?["namespace"] == "shop")
        #expect(v["findings"]?.arrayValue?[1]["suppressed"]?["owner"] == "team-a")
        #expect(v["unparsedFiles"]?.arrayValue?.first?["line"] == 2)
    }

    @Test("SARIF has rules with help, locations, fingerprints and suppressions")
    func sarif() throws {
        let v = try JSONParser.parseValue(ReportFormat.sarif.renderer().render(Self.input))
        #expect(v["version"] == "2.1.0")
        let run = try #require(v["runs"]?.arrayValue?.first)
        let rules = try #require(run["tool"]?["driver"]?["rules"]?.arrayValue)
        #expect(rules.count == 3)
        #expect(rules.allSatisfy { $0["help"]?["text"]?.stringValue?.isEmpty == false })
        let results = try #require(run["results"]?.arrayValue)
        #expect(results.count == 3)
        let first = results[0]
        #expect(first["level"] == "error")
        #expect(first["locations"]?.arrayValue?.first?["physicalLocation"]?["region"]?["startLine"] == 6)
        #expect(first["partialFingerprints"]?["bulwarkFingerprint/v1"]?.stringValue?.count == 16)
        #expect(results[1]["suppressions"]?.arrayValue?.first?["kind"] == "external")
        let idx = first["ruleIndex"]?.numberValue.map(Int.init) ?? -1
        #expect(rules[idx]["id"] == first["ruleId"])
    }

    @Test("JUnit is well-formed XML with one failure per finding at or above the threshold")
    func junit() throws {
        let xml = ReportFormat.junit.renderer().render(Self.input)
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(xml.components(separatedBy: "<failure ").count - 1 == 1)
        #expect(xml.contains("Privileged &amp; &quot;dangerous&quot;"))
    }

    @Test("text shows the offending line with a caret and the summary")
    func text() {
        let t = ReportFormat.text.renderer().render(Self.input)
        #expect(t.contains("      6 |   - name: app\n"))
        #expect(t.contains("        |     ^\n"))
        #expect(t.contains("fix: "))
        #expect(t.contains("2 findings (0 critical, 1 high, 0 medium, 1 low, 0 info) in 4 files — 1 at or above high"))
        #expect(t.contains("Suppressed: 1 waiver"))
    }

    @Test("markdown and HTML carry counts and escape content")
    func markdownHTML() {
        let md = ReportFormat.markdown.renderer().render(Self.input)
        #expect(md.contains("❌ **1** finding(s) at or above **high**"))
        #expect(md.contains("| high | 1 |"))
        let html = ReportFormat.html.renderer().render(Self.input)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("Privileged &amp; &quot;dangerous&quot;"))
        #expect(html.contains("migration") == false || html.contains("suppressed (waiver)"))
        #expect(!html.contains("<script"))
    }
}
