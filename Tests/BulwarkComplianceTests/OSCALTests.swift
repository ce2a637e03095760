import BulwarkCompliance
import BulwarkCore
import Foundation
import Testing

/// The OSCAL export carries every field the assessment-results model requires, with valid
/// tokens and v4-layout UUIDs (checked field by field; NIST's examples are the reference).
@Suite struct OSCALTests {
    static let uuidPattern = try! NSRegularExpression(pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
    static let tokenPattern = try! NSRegularExpression(pattern: "^(\\p{L}|_)(\\p{L}|\\p{N}|[.\\-_])*$")

    static func matches(_ re: NSRegularExpression, _ s: String) -> Bool {
        re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    func export() throws -> Value {
        let fw = Framework(id: "pci", name: "PCI DSS", version: "4.0.1", description: "", controls: [
            .init(id: "8.6.2", title: "No hard-coded credentials", description: "d", automation: .automated, rules: []),
            .init(id: "12.1.1", title: "Policy", description: "d", automation: .manual, rules: []),
        ], source: "t")
        let rule = RuleMetadata(id: "stripe-secret-key", title: "Stripe key", severity: .critical, pack: "secrets", rationale: "r", remediation: "",
                                controls: [ControlRef("pci", "8.6.2")])
        let finding = Finding(rule, at: SourceSpan(file: "app/settings.py", line: 5, column: 18))
        let posture = Posture(framework: fw, rules: [rule], findings: [finding])
        return OSCAL.assessmentResults(posture: posture, findings: [finding], rules: [rule], scope: "repo", toolVersion: "0.1.0",
                                       start: "2026-11-29T00:00:00Z", end: "2026-11-29T00:00:01Z", evidence: [("items.jsonl", String(repeating: "a", count: 64))])
    }

    @Test func requiredFieldsTokensAndUUIDs() throws {
        let ar = try #require(try export()["assessment-results"])
        for key in ["uuid", "metadata", "import-ap", "results"] { #expect(ar[key] != nil, "assessment-results.\(key)") }
        for key in ["title", "last-modified", "version", "oscal-version"] { #expect(ar["metadata"]?[key]?.stringValue != nil, "metadata.\(key)") }
        #expect(ar["metadata"]?["oscal-version"]?.stringValue == "1.1.2")
        #expect(ar["import-ap"]?["href"]?.stringValue?.isEmpty == false)
        let result = try #require(ar["results"]?.arrayValue?.first)
        for key in ["uuid", "title", "description", "start"] { #expect(result[key]?.stringValue != nil, "results[0].\(key)") }
        let selections = try #require(result["reviewed-controls"]?["control-selections"]?.arrayValue)
        let controlIDs = selections.flatMap { $0["include-controls"]?.arrayValue ?? [] }.compactMap { $0["control-id"]?.stringValue }
        #expect(controlIDs == ["pci-8.6.2", "pci-12.1.1"])
        for id in controlIDs { #expect(Self.matches(Self.tokenPattern, id), "token \(id)") }
        let findings = try #require(result["findings"]?.arrayValue)
        #expect(findings.count == 2)
        for f in findings {
            for key in ["uuid", "title", "description"] { #expect(f[key]?.stringValue != nil) }
            #expect(f["target"]?["type"]?.stringValue == "objective-id")
            #expect(Self.matches(Self.tokenPattern, f["target"]?["target-id"]?.stringValue ?? ""))
        }
        #expect(findings[0]["target"]?["status"]?["state"]?.stringValue == "not-satisfied", "the secret fails 8.6.2")
        #expect(findings[1]["target"]?["status"]?["state"]?.stringValue == "not-satisfied", "manual is never satisfied by a scan")
        let observations = try #require(result["observations"]?.arrayValue)
        for o in observations {
            for key in ["uuid", "description", "collected"] { #expect(o[key]?.stringValue != nil) }
            #expect(o["methods"]?.arrayValue?.isEmpty == false)
        }
        let resources = try #require(ar["back-matter"]?["resources"]?.arrayValue)
        #expect(resources.contains { $0["rlinks"]?.arrayValue?.first?["hashes"]?.arrayValue?.first?["algorithm"]?.stringValue == "SHA-256" })
        // Every uuid anywhere is v4-shaped.
        func uuids(_ v: Value) -> [String] {
            switch v {
            case .object(let o): return o.keys.indices.flatMap { i -> [String] in
                let k = o.keys[i], x = o.values[i]
                return (k.hasSuffix("uuid") ? [x.stringValue].compactMap { $0 } : []) + uuids(x)
            }
            case .array(let a): return a.flatMap(uuids)
            default: return []
            }
        }
        let all = uuids(ar)
        #expect(all.count >= 6)
        for u in all { #expect(Self.matches(Self.uuidPattern, u), "uuid \(u)") }
    }

    @Test func deterministicApartFromTimes() throws {
        #expect(try export().jsonString() == export().jsonString())
    }

    @Test func tokensAreValid() {
        for raw in ["164.312(a)(2)(iv)", "1.3.1", "CC6.1", "A1.2", "(x)", ""] {
            #expect(Self.matches(Self.tokenPattern, OSCAL.token(raw)), "\(raw) → \(OSCAL.token(raw))")
        }
    }
}
