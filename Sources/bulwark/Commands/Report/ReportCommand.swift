import ArgumentParser
import BulwarkCompliance
import BulwarkCore
import BulwarkFormats
import BulwarkReport
import BulwarkScan
import Foundation

/// `bulwark report --from RESULTS.json`: re-render a saved scan (the `bulwark.scan/v1` JSON)
/// in another format, or as OSCAL assessment results for a framework — without scanning again.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Render saved scan results (JSON) as text, SARIF, JUnit, Markdown, HTML or OSCAL.")

    @Option(help: "A `bulwark scan --format json` report.") var from: String?
    @Option(help: "text, json, sarif, junit, markdown, html or oscal.") var format: String = "text"
    @Option(help: "Framework for the control table (text), OSCAL (required) or the auditor HTML (repeatable, default: all).") var framework: [String] = []
    @Option(help: "An evidence bundle whose file hashes the auditor HTML lists (its results.json is used when --from is omitted).") var evidence: String?
    @Option(help: "Write here instead of stdout.") var output: String?
    @Option(help: "A directory of your own framework files.") var frameworks: String?

    func run() throws {
        guard let from = from ?? evidence.map({ $0 + "/results.json" }) else { throw ValidationError("give --from RESULTS.json or --evidence DIR") }
        let doc = try DocumentLoader.load(path: from).first
        guard let root = doc?.value, root["schema"]?.stringValue == "bulwark.scan/v1", let list = root["findings"]?.arrayValue else {
            throw BulwarkError(.schema, "not a bulwark.scan/v1 report (write one with `bulwark scan --format json`)", at: SourceSpan(file: from, line: 1, column: 1))
        }
        var known: [String: RuleMetadata] = [:]
        for m in RuleDocs.all + RuleDocs.secretMetadata { known[m.id] = m }
        let findings: [Finding] = list.compactMap { v in
            guard let id = v["ruleId"]?.stringValue, let file = v["file"]?.stringValue else { return nil }
            var f = Finding(ruleId: id, severity: v["severity"]?.stringValue.flatMap(Severity.init(lenient:)) ?? .medium,
                            title: v["title"]?.stringValue ?? id, message: v["message"]?.stringValue ?? "",
                            location: SourceSpan(file: file, line: v["line"]?.numberValue.map(Int.init) ?? 1, column: v["column"]?.numberValue.map(Int.init) ?? 1),
                            resource: v["resource"]?["kind"]?.stringValue.map { ResourceRef(kind: $0, name: v["resource"]?["name"]?.stringValue ?? "", namespace: v["resource"]?["namespace"]?.stringValue) },
                            attributePath: v["attributePath"]?.stringValue ?? "",
                            controls: (v["controls"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(ControlRef.init(parsing:)) },
                            remediation: v["remediation"]?.stringValue ?? "")
            f.level = v["level"]?.stringValue
            if let s = v["suppressed"], s.objectValue != nil {
                f.suppression = Suppression(kind: Suppression.Kind(rawValue: s["kind"]?.stringValue ?? "") ?? .waiver, reason: s["reason"]?.stringValue ?? "",
                                            expires: s["expires"]?.stringValue, owner: s["owner"]?.stringValue)
            }
            return f
        }
        let failOn = root["summary"]?["failOn"]?.stringValue.flatMap(Severity.init(lenient:)) ?? .high
        let applicable = root["applicableRules"]?.arrayValue.map { Set($0.compactMap(\.stringValue)) }
        var input = ReportInput(findings: findings, unparsed: [], filesScanned: root["summary"]?["filesScanned"]?.numberValue.map(Int.init) ?? 0,
                                sources: [:], rules: known, failOn: failOn, toolVersion: Bulwark.version)
        input.applicableRules = applicable.map { $0.sorted() }
        input.levels = (root["summary"]?["levels"]?.arrayValue ?? []).compactMap { l in
            guard let id = l["id"]?.stringValue, let failOn = l["failOn"]?.stringValue.flatMap(Severity.init(lenient:)) else { return nil }
            return LevelSummary(id: id, failOn: failOn, patterns: (l["paths"]?.arrayValue ?? []).compactMap(\.stringValue), isDefault: l["default"]?.boolValue ?? false)
        }
        var text: String
        let frameworks = try FrameworksCommand.load(self.frameworks)
        var postures: [Posture] = []
        for id in framework {
            guard let f = frameworks.first(where: { $0.id == id }) else { throw BulwarkError(.usage, "no framework '\(id)'") }
            postures.append(Posture(framework: f, rules: Array(known.values), findings: findings, applicable: applicable))
        }
        let posture = postures.first
        if format == "html" {
            if postures.isEmpty { postures = frameworks.map { Posture(framework: $0, rules: Array(known.values), findings: findings, applicable: applicable) } }
            var hashes: [(name: String, sha256: String)] = []
            var keyID: String?
            if let evidence {
                let manifest = try DocumentLoader.load(path: evidence + "/manifest.json").first?.value
                hashes = (manifest?["files"]?.arrayValue ?? []).compactMap { f in f["name"]?.stringValue.flatMap { n in f["sha256"]?.stringValue.map { (n, $0) } } }
                if let m = FileManager.default.contents(atPath: evidence + "/manifest.json") { hashes.append(("manifest.json", sha256Hex(m))) }
                keyID = (try? DocumentLoader.load(path: evidence + "/manifest.dsse.json").first?.value)?["signatures"]?.arrayValue?.first?["keyid"]?.stringValue
            }
            text = AuditReport.html(postures: postures, findings: findings, scope: root["scope"]?.stringValue ?? from,
                                    generated: ISO8601DateFormatter().string(from: Date()), evidence: hashes, signedBy: keyID,
                                    levels: input.levels.isEmpty ? nil : input.levels.scopeText)
        } else if format == "oscal" {
            guard let posture else { throw ValidationError("--format oscal needs --framework") }
            let now = ISO8601DateFormatter().string(from: Date())
            text = OSCAL.assessmentResults(posture: posture, findings: findings, rules: Array(known.values), scope: from, toolVersion: Bulwark.version,
                                           start: now, end: now).jsonString(pretty: true) + "\n"
        } else {
            guard let f = ReportFormat(rawValue: format) else { throw ValidationError("unknown --format '\(format)'") }
            text = f.renderer().render(input)
            if let posture, f == .text { text += "\n" + posture.text() }
            if let posture, f == .markdown { text += "\n" + posture.markdown() }
        }
        if let output { try text.write(toFile: output, atomically: true, encoding: .utf8) } else { print(text, terminator: "") }
    }
}
