@testable import BulwarkCompliance
import BulwarkCore
import BulwarkReport
import BulwarkRules
import BulwarkSecrets
@testable import BulwarkScan
import Foundation
import Testing

@Suite("Compliance levels")
struct LevelTests {
    static let known = Set(RuleDocs.all.map(\.id) + RuleDocs.secretMetadata.map(\.id))

    @Test("bundled levels resolve, name only real rules and frameworks, and cover every opt-in rule")
    func bundled() throws {
        let levels = try ComplianceLevel.bundled()
        #expect(levels.map(\.id) == ["hipaa", "pci", "sox", "standard"])
        let frameworks = Set(try Framework.bundled().map(\.id))
        for l in levels {
            #expect(l.unknownRules(known: Self.known).isEmpty, "\(l.id) names unknown rules: \(l.unknownRules(known: Self.known))")
            for f in l.frameworks { #expect(frameworks.contains(f), "\(l.id) names framework \(f), which does not exist") }
            #expect(l.id == "standard" ? l.ancestry.isEmpty : l.ancestry == ["standard"])
            #expect(l.failOn <= levels.first { $0.id == "standard" }!.failOn, "\(l.id) must not gate more loosely than standard")
        }
        for id in LevelPlan.optInRules {
            #expect(levels.contains { $0.runs(id, optIn: true) }, "opt-in rule \(id) is enabled by no level, so it never runs")
        }
        #expect(LevelPlan.optInRules == ["AWS-CMK-001", "AZ-CMK-001", "GCP-CMK-001", "K8S-102"])
        let pci = try #require(levels.first { $0.id == "pci" })
        #expect(pci.settings.logRetentionDays == 365 && pci.settings.backupRetentionDays == 7 && pci.failOn == .medium)
        #expect(pci.runs("K8S-102", optIn: true) && !levels.first { $0.id == "standard" }!.runs("K8S-102", optIn: true))
        #expect(levels.first { $0.id == "hipaa" }!.settings.logRetentionDays == 2192)
    }

    @Test("a level file extends a bundled level, overrides one setting and turns a rule off")
    func userLevel() throws {
        let f = try Fixture([("levels/cde.yaml", """
            id: cde
            name: Our CDE
            extends: pci
            settings:
              logRetentionDays: 400
            rules:
              disable: [K8S-102]
              severity: {AWS-SG-001: critical}
            """), ("levels/strict-cde.yaml", "id: strict-cde\nextends: cde.yaml\nfailOn: low\n")])
        let l = try ComplianceLevel.named("levels/strict-cde.yaml", relativeTo: f.root)
        #expect(l.ancestry == ["cde", "pci", "standard"])
        #expect(l.settings.logRetentionDays == 400, "the nearer level's setting wins")
        #expect(l.settings.backupRetentionDays == 7, "settings the file does not mention come from pci")
        #expect(l.failOn == .low && l.frameworks == ["pci"])
        #expect(!l.runs("K8S-102", optIn: true) && l.runs("AWS-CMK-001", optIn: true))
        #expect(l.severity["AWS-SG-001"] == .critical && l.severity["AWS-LOG-001"] == .medium)
    }

    @Test("bad level files are errors with a position", arguments: [
        ("id: x\nsettings:\n  logRetention: 30\n", 3, "unknown setting 'logRetention'"),
        ("id: x\nsettings:\n  logRetentionDays: thirty\n", 3, "logRetentionDays must be a whole number"),
        ("id: x\nsettings:\n  logRetentionDays: 0\n", 3, "at least 1"),
        ("id: x\nfailOn: sometimes\n", 2, "failOn must be one of"),
        ("id: x\nrules:\n  enable: K8S-102\n", 3, "expected a list of strings"),
        ("id: x\nrules:\n  severity: {AWS-SG-001: huge}\n", 3, "severity for AWS-SG-001"),
        ("id: x\nlevel: pci\n", 2, "unknown key 'level'"),
        ("name: nameless\n", 1, "'id' is required"),
    ])
    func errors(text: String, line: Int, message: String) throws {
        let f = try Fixture([("bad.yaml", text)])
        do {
            _ = try ComplianceLevel.named(f.root + "/bad.yaml")
            Issue.record("expected an error for \(text)")
        } catch let e as BulwarkError {
            #expect(e.location?.line == line, "\(e)")
            #expect(e.message.contains(message), "\(e.message)")
        }
    }

    @Test("unknown level names, cycles and unknown rule ids are refused")
    func refused() throws {
        #expect(throws: BulwarkError.self) { try ComplianceLevel.named("gold") }
        let f = try Fixture([("a.yaml", "id: a\nextends: b.yaml\n"), ("b.yaml", "id: b\nextends: a.yaml\n"),
                             ("typo.yaml", "id: typo\nextends: pci\nrules:\n  enable: [AWS-CMK-01]\n")])
        do { _ = try ComplianceLevel.named(f.root + "/a.yaml"); Issue.record("a cycle must be an error") } catch let e as BulwarkError {
            #expect(e.message.contains("extends itself"))
        }
        var config = ScanConfig()
        config.level = f.root + "/typo.yaml"
        do { _ = try LevelPlan.make(config: config, override: nil, root: f.root); Issue.record("an unknown rule id must be an error") } catch let e as BulwarkError {
            #expect(e.message.contains("AWS-CMK-01"))
        }
    }

    @Test(".bulwark.yaml pins levels per path; the first matching pattern wins and --level changes only the default")
    func plan() throws {
        let config = try ScanConfig.parse("level: sox\nlevels:\n  services/payments/**: pci\n  services/**: hipaa\n", file: ".bulwark.yaml")
        let plan = try LevelPlan.make(config: config, override: nil, root: ".")
        #expect(plan.level(for: "services/payments/k8s/deploy.yaml").id == "pci")
        #expect(plan.level(for: "services/records/k8s/deploy.yaml").id == "hipaa")
        #expect(plan.level(for: "infra/main.tf").id == "sox")
        let overridden = try LevelPlan.make(config: config, override: "standard", root: ".")
        #expect(overridden.level(for: "infra/main.tf").id == "standard" && overridden.level(for: "services/payments/x").id == "pci")
        #expect(throws: BulwarkError.self) { try ScanConfig.parse("levels: [pci]\n", file: ".bulwark.yaml") }
        #expect(throws: BulwarkError.self) { try ScanConfig.parse("levels:\n  a/**: {id: pci}\n", file: ".bulwark.yaml") }
    }

    static let stack = """
        resource "aws_cloudwatch_log_group" "audit" {
          name              = "/app/audit"
          kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/0b7c6e4e-7a4f-4f6e-9a55-3c1d2b1e0f00"
          retention_in_days = 90
        }

        resource "aws_sqs_queue" "orders" {
          name              = "orders"
          kms_master_key_id = "alias/aws/sqs"
        }

        """

    func scan(_ f: Fixture, config: String) throws -> ScanResult {
        var o = RepositoryScanner.Options()
        o.config = try ScanConfig.parse(config, file: ".bulwark.yaml")
        o.levels = try LevelPlan.make(config: o.config, override: nil, root: f.root)
        return RepositoryScanner(options: o).scan([f.root])
    }

    @Test("the same Terraform is judged by the level of its path: thresholds, opt-in rules, severities")
    func terraformByPath() throws {
        let f = try Fixture([("pay/main.tf", Self.stack), ("tools/main.tf", Self.stack)])
        let r = try scan(f, config: "levels:\n  pay/**: pci\n")
        let pay = r.findings.filter { $0.location.file == "pay/main.tf" }
        let tools = r.findings.filter { $0.location.file == "tools/main.tf" }
        let log = try #require(pay.first { $0.ruleId == "AWS-LOG-001" }, "90 days of logs fails PCI DSS 10.5.1's 365")
        #expect(log.level == "pci" && log.severity == .medium, "pci raises AWS-LOG-001 from low to medium")
        #expect(log.message.contains("90 days, less than the 365"))
        #expect(pay.contains { $0.ruleId == "AWS-CMK-001" && $0.message.contains("alias/aws/sqs") })
        #expect(!tools.contains { $0.ruleId == "AWS-LOG-001" || $0.ruleId == "AWS-CMK-001" }, "standard: 90 days passes and CMK is opt-in: \(tools.map(\.ruleId))")
        #expect(tools.allSatisfy { $0.level == "standard" })
        #expect(r.applicableRules?.contains("AWS-CMK-001") == true)
        let standardOnly = try scan(f, config: "level: standard\n")
        #expect(standardOnly.applicableRules?.contains("AWS-CMK-001") == false, "a rule no level runs checked nothing")
        #expect(!standardOnly.findings.contains { $0.ruleId == "AWS-CMK-001" })
    }

    @Test("a module's resources take the level of the root module that deploys them")
    func moduleTakesCallersLevel() throws {
        let f = try Fixture([
            ("live/main.tf", "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n}\n\nmodule \"logs\" {\n  source = \"../modules/logs\"\n  key    = aws_kms_key.k.arn\n}\n"),
            ("modules/logs/main.tf", "variable \"key\" {\n  type = string\n}\n\nresource \"aws_cloudwatch_log_group\" \"x\" {\n  name              = \"/x\"\n  kms_key_id        = var.key\n  retention_in_days = 30\n}\n\nresource \"aws_sqs_queue\" \"q\" {\n  name              = \"q\"\n  kms_master_key_id = var.key\n}\n"),
        ])
        let r = try scan(f, config: "levels:\n  live/**: pci\n")
        let log = try #require(r.findings.first { $0.ruleId == "AWS-LOG-001" })
        #expect(log.location.file == "modules/logs/main.tf" && log.level == "pci")
        #expect(!r.findings.contains { $0.ruleId == "AWS-CMK-001" }, "a key handed down as a resource's ARN is set: \(r.findings.filter { $0.ruleId == "AWS-CMK-001" }.map(\.message))")
        #expect(!r.findings.contains { $0.ruleId == "AWS-LOG-002" }, "the log group's key is set through the module input")
    }

    @Test("manifests at a pci path get the mesh mTLS rule; elsewhere it stays off")
    func manifestsByPath() throws {
        let deploy = { (ns: String) in "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: \(ns)}\nspec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{name: a, image: x}]}}}\n" }
        let f = try Fixture([("pay/deploy.yaml", deploy("pay")), ("tools/deploy.yaml", deploy("tools"))])
        let r = try scan(f, config: "levels:\n  pay/**: pci\n")
        let mtls = r.findings.filter { $0.ruleId == "K8S-102" }
        #expect(mtls.map(\.location.file) == ["pay/deploy.yaml"])
        #expect(mtls.first?.level == "pci")
    }

    @Test("the gate is the stricter of the scan's threshold and the finding's level's")
    func thresholds() {
        func finding(_ level: String, _ severity: Severity) -> Finding {
            var f = Finding(ruleId: "R", severity: severity, title: "t", message: "m", location: SourceSpan(file: "\(level)/f", line: 1, column: 1))
            f.level = level
            return f
        }
        var input = ReportInput(findings: [finding("pci", .medium), finding("standard", .medium), finding("standard", .high)], unparsed: [],
                                filesScanned: 2, sources: [:], rules: [:], failOn: .high, toolVersion: "t")
        input.levels = [LevelSummary(id: "pci", failOn: .medium, patterns: ["pci/**"], isDefault: false),
                        LevelSummary(id: "standard", failOn: .high, patterns: [], isDefault: true)]
        #expect(input.failing.map(\.location.file) == ["pci/f", "standard/f"])
        #expect(!input.uniformThreshold)
        #expect(input.levels.scopeText == "pci (fails on medium) for pci/**; standard (fails on high) everywhere else")
        #expect(ReportFormat.html.renderer().render(input).contains("fail threshold: pci (fails on medium) for pci/**;"), "HTML names the levels' gates, not only --fail-on")
        #expect(ReportFormat.text.renderer().render(input).contains("2 at or above their level's threshold"))
        input.failOn = .low
        #expect(input.failing.count == 3, "a level never loosens an explicit --fail-on")
    }

    @Test("docs/compliance.md's level table is what `bulwark levels list --markdown` generates")
    func docsFresh() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let doc = try String(contentsOf: url.appendingPathComponent("docs/compliance.md"), encoding: .utf8)
        let start = try #require(doc.range(of: "a test keeps it fresh -->\n")), end = try #require(doc.range(of: "<!-- end levels table -->"))
        #expect(String(doc[start.upperBound..<end.lowerBound]) == (try RuleDocs.levelsTable()), "regenerate the table with `bulwark levels list --markdown`")
    }

    @Test("a rule is applicable only when it had a subject of its own kind, and each subject is recorded")
    func perResourceApplicability() throws {
        let configMap = try Fixture([("k8s/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {a: b}\n")])
        let onlyConfig = try scan(configMap, config: "level: standard\n")
        #expect(onlyConfig.applicableRules?.contains("K8S-011") == false, "a ConfigMap gives a Pod rule nothing to check")
        #expect(onlyConfig.applicableRules?.contains("K8S-100") == false)
        let withPod = try Fixture([("k8s/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {a: b}\n"),
                                   ("k8s/pod.yaml", badPod)])
        let r = try scan(withPod, config: "level: standard\n")
        #expect(r.applicableRules?.contains("K8S-011") == true && r.applicableRules?.contains("K8S-100") == true)
        let subjects = r.checked.filter { $0.rule == "K8S-011" }
        #expect(subjects.map(\.description) == ["k8s/pod.yaml:1 Pod/shop/web"] && subjects.allSatisfy { $0.level == "standard" })
        let tf = try Fixture([("main.tf", Self.stack)])
        let t = try scan(tf, config: "level: pci\n")
        #expect(t.checked.filter { $0.rule == "AWS-CMK-001" }.map(\.description) == ["main.tf:7 aws_sqs_queue/orders"])
        #expect(t.checked.contains { $0.rule == "AWS-LOG-001" && $0.resource == "aws_cloudwatch_log_group/audit" && $0.level == "pci" })
    }

    @Test("mutated level files are errors with a position or valid levels, never a crash")
    func fuzz() {
        let seed = "id: cde\nname: Our CDE\nextends: pci\nfailOn: medium\nframeworks: [pci]\nsettings:\n  logRetentionDays: 400\n  backupRetentionDays: 7\nrules:\n  enable: [K8S-102]\n  disable: [AWS-SG-001]\n  severity: {AWS-LOG-001: high}\n"
        let alphabet = Array(":-[]{}\n '\"#&*!|>x1")
        var rng = SplitMix64(seed: 2026)
        var errors = 0, parsed = 0
        for _ in 0..<600 {
            var chars = Array(seed)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let at = Int.random(in: 0..<chars.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: chars.remove(at: at)
                case 1: chars.insert(alphabet.randomElement(using: &rng)!, at: at)
                default: chars[at] = alphabet.randomElement(using: &rng)!
                }
                if chars.isEmpty { chars = ["x"] }
            }
            do {
                let d = try ComplianceLevel.definition(text: String(chars), file: "fuzz.yaml")
                _ = ComplianceLevel.resolve(d, parent: nil)
                parsed += 1
            } catch let e as BulwarkError {
                #expect(e.location?.file == "fuzz.yaml" && (e.location?.line ?? 0) >= 1, "\(e)")
                errors += 1
            } catch {
                Issue.record("unexpected error type: \(error)")
            }
        }
        #expect(errors > 50 && parsed > 20, "the mutations should exercise both outcomes: \(errors) errors, \(parsed) parsed")
    }
}
