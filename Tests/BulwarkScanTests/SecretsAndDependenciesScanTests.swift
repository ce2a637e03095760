import BulwarkCore
import BulwarkDependencies
import BulwarkReport
@testable import BulwarkScan
import BulwarkSecrets
import Foundation
import Testing

/// Secrets and dependencies inside `bulwark scan`: findings, suppressions, baselines, reports.
@Suite struct SecretsAndDependenciesScanTests {
    static let token = ExamplePlaceholders.expand("ghp_{{alnum:36}}", seed: 77)

    func scanner(_ configure: (inout RepositoryScanner.Options) -> Void = { _ in }) throws -> RepositoryScanner {
        var o = RepositoryScanner.Options()
        o.secrets = SecretsPass(config: try SecretConfig.bundled())
        configure(&o)
        return RepositoryScanner(options: o)
    }

    @Test func secretsInAnyFileAreRedactedEverywhere() throws {
        let f = try Fixture([("app/config.py", "import os\nTOKEN = \"\(Self.token)\"\n"), ("notes.txt", "nothing here\n")])
        let r = try scanner().scan([f.root])
        let hit = try #require(r.findings.first { $0.ruleId == "github-pat" })
        #expect(hit.location.file == "app/config.py" && hit.location.line == 2 && hit.location.column == 10)
        #expect(hit.snippet == "TOKEN = \"ghp_*****\"")
        #expect(hit.severity == .critical)
        let input = ReportInput(findings: r.findings, unparsed: [], filesScanned: r.filesScanned, sources: r.sources, rules: [:], failOn: .high, toolVersion: "t")
        for format in ReportFormat.allCases {
            #expect(!format.renderer().render(input).contains(Self.token), "\(format) leaks the secret")
        }
    }

    @Test func inlineSuppressionWaiverAndBaselineApply() throws {
        let f = try Fixture([
            ("a.py", "T = \"\(Self.token)\"  # bulwark:ignore github-pat reason=\"revoked test token\"\n"),
            ("b.py", "T = \"\(Self.token)\"  # gitleaks:allow\n"),
            ("c.py", "T = \"\(Self.token)\"\n"),
        ])
        let first = try scanner().scan([f.root])
        #expect(first.findings.first { $0.location.file == "a.py" }?.suppression?.kind == .inline)
        #expect(!first.findings.contains { $0.location.file == "b.py" })
        let c = try #require(first.findings.first { $0.location.file == "c.py" })
        #expect(c.suppression == nil)
        // Moving the secret down a line keeps its fingerprint (rule + path + secret hash).
        try f.write("c.py", "# moved\nT = \"\(Self.token)\"\n")
        let baseline = try Baseline.parse(Baseline.render([c]), file: "baseline")
        let second = try scanner { $0.baseline = baseline }.scan([f.root])
        #expect(second.findings.first { $0.location.file == "c.py" }?.suppression?.kind == .baseline)
    }

    @Test func skippedFilesAreReported() throws {
        let f = try Fixture([("ok.py", "x = 1\n")])
        try f.writeBytes("tool.bin", [0x7F, 0x45, 0x4C, 0x46, 0, 1, 2])
        try f.write("dist/app.min.js", String(repeating: "a", count: 600_000))
        let r = try scanner().scan([f.root])
        #expect(Set(r.secretSkips.map { "\($0.path):\($0.reason.kind)" }) == ["tool.bin:binary", "dist/app.min.js:minified"])
    }

    @Test func lockfilesAgainstOSV() throws {
        let f = try Fixture([
            ("web/package-lock.json", """
                {"lockfileVersion": 3, "packages": {
                  "node_modules/lodash": {"version": "4.17.15"},
                  "node_modules/left-pad": {"version": "1.3.0"}}}
                """),
            ("api/requirements.txt", "django==3.2.4\n"),
            ("broken/yarn.lock", "lodash@^4:\n  version \"4.17.15\"\nnot a header\n"),
        ])
        let record = """
            {"id": "GHSA-test-0001", "aliases": ["CVE-2099-0001"], "summary": "Test advisory",
             "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
             "affected": [{"package": {"ecosystem": "npm", "name": "lodash"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}]},
                          {"package": {"ecosystem": "PyPI", "name": "Django"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "3.2"}, {"fixed": "3.2.5"}]}]}]}
            """
        let db = OSVDatabase(records: [try OSVRecord.parse(JSONParser.parse(record, file: "r").value, file: "r")])
        let r = try scanner { $0.dependencies = DependencyPass(database: db) }.scan([f.root])
        let deps = r.findings.filter { $0.ruleId == "DEP-001" }.map { "\($0.location.file):\($0.location.line):\($0.severity.rawValue)" }.sorted()
        #expect(deps == ["api/requirements.txt:1:critical", "web/package-lock.json:2:critical"])
        let lodash = try #require(r.findings.first { $0.ruleId == "DEP-001" && $0.location.file.hasPrefix("web") })
        #expect(lodash.message.contains("CVE-2099-0001") && lodash.message.contains("Fixed in 4.17.21"))
        #expect(r.findings.contains { $0.ruleId == "BULWARK-000" && $0.location.file == "broken/yarn.lock" && $0.location.line == 3 })
    }
}
