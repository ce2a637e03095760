import BulwarkCore
import Crypto
import Foundation

/// OSCAL 1.1 assessment results: one result per scan, one observation per check (rule) with
/// its findings, one finding per framework control with its status, back-matter resources
/// carrying the hashes of the evidence files.
///
/// UUIDs have the v4 layout (version and variant bits) but are derived from a SHA-256 of
/// stable names, so two exports of the same scan differ only in their timestamps.
public enum OSCAL {
    public static let version = "1.1.2"

    /// OSCAL's token pattern: a letter or underscore, then letters, digits, '.', '-', '_'.
    public static func token(_ s: String) -> String {
        var out = ""
        for ch in s {
            if ch.isLetter || ch.isNumber || ch == "." || ch == "-" || ch == "_" { out.append(ch) } else if !out.hasSuffix("-") { out.append("-") }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if let first = out.first, !(first.isLetter || first == "_") { out = "_" + out }
        return out.isEmpty ? "_" : out
    }

    public static func uuid(_ name: String) -> String {
        var b = Array(SHA256.hash(data: Data(name.utf8)).prefix(16))
        b[6] = (b[6] & 0x0F) | 0x40
        b[8] = (b[8] & 0x3F) | 0x80
        let hex = Hex.string(b)
        let c = Array(hex)
        return "\(String(c[0..<8]))-\(String(c[8..<12]))-\(String(c[12..<16]))-\(String(c[16..<20]))-\(String(c[20..<32]))"
    }

    public static func assessmentResults(posture: Posture, findings: [Finding], rules: [RuleMetadata], scope: String, toolVersion: String,
                                         start: String, end: String, evidence: [(name: String, sha256: String)] = []) -> Value {
        let fw = posture.framework
        let seed = "bulwark|\(fw.id)|\(scope)"
        var observations: [Value] = []
        var observationFor: [String: String] = [:]
        let byRule = Dictionary(grouping: findings, by: \.ruleId)
        let ruleIDs = Set(posture.controls.flatMap(\.rules))
        for r in rules.filter({ ruleIDs.contains($0.id) }).sorted(by: { $0.id < $1.id }) {
            let id = uuid(seed + "|obs|" + r.id)
            observationFor[r.id] = id
            let hits = byRule[r.id] ?? []
            let remarks = hits.isEmpty ? "No finding in \(scope)." : hits.map { "\($0.location.file):\($0.location.line) \($0.message)" }.joined(separator: "\n")
            observations.append(.object(Object([
                ("uuid", .string(id)), ("title", .string(r.id + " — " + r.title)), ("description", .string(r.rationale.isEmpty ? r.title : r.rationale)),
                ("props", .array([.object(Object([("name", "result"), ("ns", "https://bulwark.dev/ns/oscal"), ("value", .string(hits.isEmpty ? "pass" : "fail"))]))])),
                ("methods", .array(["TEST"])), ("types", .array([.string(hits.isEmpty ? "control-objective" : "finding")])),
                ("collected", .string(end)), ("remarks", .string(remarks)),
            ])))
        }
        var oscalFindings: [Value] = []
        for c in posture.controls {
            let state = c.status == .pass ? "satisfied" : "not-satisfied"
            var o = Object([
                ("uuid", .string(uuid(seed + "|finding|" + c.control.id))),
                ("title", .string("\(fw.id.uppercased()) \(c.control.id) — \(c.control.title)")),
                ("description", .string("\(c.control.description) Status from this assessment: \(c.status.rawValue)\(c.status == .manual ? " (requires manual evidence)" : "").")),
                ("target", .object(Object([("type", "objective-id"), ("target-id", .string(token(fw.id + "-" + c.control.id))),
                                           ("status", .object(Object([("state", .string(state)), ("reason", .string(c.status.rawValue.replacingOccurrences(of: " ", with: "-")))])))]))),
            ])
            let related = c.rules.compactMap { observationFor[$0] }
            if !related.isEmpty { o["related-observations"] = .array(related.map { .object(Object([("observation-uuid", .string($0))])) }) }
            oscalFindings.append(.object(o))
        }
        var result = Object([
            ("uuid", .string(uuid(seed + "|result"))), ("title", .string("Bulwark scan of \(scope) against \(fw.name) \(fw.version)")),
            ("description", .string("Automated configuration, secret and dependency checks; manual controls are listed as not satisfied until evidenced by people.")),
            ("start", .string(start)), ("end", .string(end)),
            ("reviewed-controls", .object(Object([("control-selections", .array([.object(Object([
                ("include-controls", .array(fw.controls.map { .object(Object([("control-id", .string(token(fw.id + "-" + $0.id)))])) })),
            ]))]))]))),
        ])
        if !observations.isEmpty { result["observations"] = .array(observations) }
        if !oscalFindings.isEmpty { result["findings"] = .array(oscalFindings) }
        var root = Object([
            ("uuid", .string(uuid(seed + "|ar"))),
            ("metadata", .object(Object([
                ("title", .string("Bulwark assessment results: \(fw.name)")), ("last-modified", .string(end)), ("version", .string(toolVersion)),
                ("oscal-version", .string(version)),
                ("props", .array([.object(Object([("name", "posture"), ("ns", "https://bulwark.dev/ns/oscal"),
                                                  ("value", .string(posture.score(raw: false).map { String(format: "%.1f", $0) } ?? "n/a"))]))])),
            ]))),
            ("import-ap", .object(Object([("href", .string("#" + uuid(seed + "|ap")))]))),
            ("results", .array([.object(result)])),
        ])
        var resources: [Value] = [.object(Object([("uuid", .string(uuid(seed + "|ap"))), ("title", .string("Assessment plan: Bulwark's rule set and framework mapping")),
                                                  ("description", .string("Bulwark runs every rule mapped to the framework's controls over the scanned scope."))]))]
        for e in evidence {
            resources.append(.object(Object([
                ("uuid", .string(uuid(seed + "|res|" + e.name))), ("title", .string(e.name)),
                ("rlinks", .array([.object(Object([("href", .string(e.name)), ("hashes", .array([.object(Object([("algorithm", "SHA-256"), ("value", .string(e.sha256))]))]))]))])),
            ])))
        }
        root["back-matter"] = .object(Object([("resources", .array(resources))]))
        return .object(Object([("assessment-results", .object(root))]))
    }
}
