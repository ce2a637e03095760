import BulwarkCore
import BulwarkScan
import Testing

@Suite("Configuration and globs")
struct ConfigTests {
    @Test("a full configuration parses")
    func parse() throws {
        let c = try ScanConfig.parse("""
        include: ["services/**"]
        exclude: ["**/testdata/**"]
        rules:
          disable: [K8S-017]
          severity: {K8S-019: high}
        policies: [policies]
        format: sarif
        failOn: medium
        kubernetes:
          allowedRegistries: [ghcr.io/acme]
        """, file: ".bulwark.yaml")
        #expect(c.disabledRules == ["K8S-017"])
        #expect(c.severityOverrides["K8S-019"] == .high)
        #expect(c.failOn == .medium)
        #expect(c.include.first?.matches("services/a/b.yaml") == true)
        #expect(c.exclude.first?.matches("x/testdata/y.yaml") == true)
    }

    @Test("unknown keys and bad values are errors with a position", arguments: [
        ("failon: high\n", 1, "unknown key 'failon'"),
        ("rules:\n  disabled: [x]\n", 2, "unknown key 'disabled' in rules"),
        ("failOn: severe\n", 1, "failOn must be one of"),
        ("rules:\n  severity: {K8S-001: urgent}\n", 2, "severity for K8S-001"),
        ("include: services/**\n", 1, "expected a list of strings"),
    ])
    func errors(text: String, line: Int, message: String) {
        do {
            _ = try ScanConfig.parse(text, file: ".bulwark.yaml")
            Issue.record("expected an error for \(text)")
        } catch let e as BulwarkError {
            #expect(e.message.contains(message), "\(e)")
            #expect(e.location?.line == line, "\(e)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("globs", arguments: [
        ("*.yaml", "a/b/c.yaml", true), ("/top.yaml", "top.yaml", true), ("/top.yaml", "a/top.yaml", false),
        ("docs/**", "docs/a/b.md", true), ("**/test/*.yaml", "x/y/test/z.yaml", true), ("a/*/c", "a/b/c", true),
        ("a/*/c", "a/b/x/c", false), ("file?.yml", "file1.yml", true), ("build/", "build", false),
    ])
    func globs(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected)
    }

    @Test("gitignore: later rules win, ! re-includes, trailing / means directories")
    func gitignore() {
        let rules = IgnoreRules("*.log\n!keep.log\nbuild/\n# comment\n")
        #expect(rules.ignores("a.log", isDirectory: false))
        #expect(!rules.ignores("keep.log", isDirectory: false))
        #expect(rules.ignores("build", isDirectory: true))
        #expect(!rules.ignores("build", isDirectory: false))
    }

    @Test("suppression comments parse rules, reason and expiry")
    func suppressionSyntax() {
        let s = SuppressionParser.parse(line: "# bulwark:ignore K8S-001,DF-003 reason=\"legacy base\" expires=2027-01-31", number: 3)
        #expect(s.first?.rules == ["K8S-001", "DF-003"])
        #expect(s.first?.reason == "legacy base")
        #expect(s.first?.expires == "2027-01-31")
        let c = SuppressionParser.parse(line: "# checkov:skip=CKV_K8S_16:needs host access", number: 1)
        #expect(c.first?.rules == ["CKV_K8S_16"])
        #expect(c.first?.reason == "needs host access")
    }
}

@Suite("Rule documentation")
struct RuleDocsTests {
    @Test("docs/rules.md is what `bulwark rules docs` generates (regenerate it when this fails)")
    func fresh() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let committed = try String(contentsOf: url.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        #expect(committed == RuleDocs.markdown())
    }

    @Test("a rule's section shows metadata and its examples")
    func section() throws {
        let s = try #require(RuleDocs.section("CKV_K8S_16"))
        #expect(s.hasPrefix("K8S-001 — Privileged containers are not allowed"))
        #expect(s.contains("controls: pss:baseline"))
        #expect(s.contains("bulwark.dev/expect: fail"))
        let d = try #require(RuleDocs.section("DF-001"))
        #expect(d.contains("↓FROM alpine:3.19"))
    }
}

import Foundation
