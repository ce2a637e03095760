import BulwarkCore

/// SARIF 2.1.0 as GitHub code scanning ingests it: rules with help, one result per
/// finding, partial fingerprints so alerts survive line moves, suppressions kept.
struct SARIFReport: ReportRenderer {
    func level(_ s: Severity) -> String {
        switch s {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "note"
        }
    }

    /// GitHub's `security-severity` score (0–10).
    func score(_ s: Severity) -> String {
        switch s {
        case .critical: return "9.5"
        case .high: return "8.0"
        case .medium: return "5.5"
        case .low: return "3.0"
        case .info: return "1.0"
        }
    }

    func render(_ input: ReportInput) -> String {
        let ruleIds = Array(Set(input.findings.map(\.ruleId))).sorted()
        let index = Dictionary(uniqueKeysWithValues: ruleIds.enumerated().map { ($0.element, $0.offset) })
        let rules: [Value] = ruleIds.map { id in
            let sample = input.findings.first { $0.ruleId == id }
            let m = input.rules[id]
            let title = m?.title ?? sample?.title ?? id
            let severity = m?.severity ?? sample?.severity ?? .medium
            let help = [m?.rationale, m?.remediation.isEmpty == false ? "Fix: \(m!.remediation)" : nil].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n")
            var props = Object()
            props["tags"] = .array((["security"] + (m?.controls.map(\.description) ?? [])).map(Value.string))
            props["security-severity"] = .string(score(severity))
            if let aliases = m?.aliases, !aliases.isEmpty { props["aliases"] = .array(aliases.map(Value.string)) }
            return .object(Object([
                ("id", .string(id)), ("name", .string(title.replacingOccurrences(of: " ", with: ""))),
                ("shortDescription", .object(Object([("text", .string(title))]))),
                ("fullDescription", .object(Object([("text", .string(m?.rationale.isEmpty == false ? m!.rationale : title))]))),
                ("help", .object(Object([("text", .string(help.isEmpty ? title : help)), ("markdown", .string(help.isEmpty ? title : help))]))),
                ("defaultConfiguration", .object(Object([("level", .string(level(severity)))]))),
                ("properties", .object(props)),
            ]))
        }
        let results: [Value] = input.findings.map { f in
            var region = Object([("startLine", .int(max(1, f.location.line))), ("startColumn", .int(max(1, f.location.column)))])
            if let snippet = f.snippet {
                region["snippet"] = .object(Object([("text", .string(snippet))]))
            } else if let lines = input.sources[f.location.file], f.location.line >= 1, f.location.line <= lines.count {
                region["snippet"] = .object(Object([("text", .string(String(lines[f.location.line - 1])))]))
            }
            var r = Object([
                ("ruleId", .string(f.ruleId)), ("ruleIndex", .int(index[f.ruleId] ?? 0)), ("level", .string(level(f.severity))),
                ("message", .object(Object([("text", .string(f.message))]))),
                ("locations", .array([.object(Object([("physicalLocation", .object(Object([
                    ("artifactLocation", .object(Object([("uri", .string(f.location.file)), ("uriBaseId", "%SRCROOT%")]))),
                    ("region", .object(region)),
                ])))]))])),
                ("partialFingerprints", .object(Object([("bulwarkFingerprint/v1", .string(f.fingerprint))]))),
            ])
            if let level = f.level { r["properties"] = .object(Object([("complianceLevel", .string(level))])) }
            if let s = f.suppression {
                r["suppressions"] = .array([.object(Object([("kind", .string(s.kind == .inline || s.kind == .annotation ? "inSource" : "external")),
                                                            ("justification", .string(s.reason))]))])
            }
            return .object(r)
        }
        let run = Object([
            ("tool", .object(Object([("driver", .object(Object([
                ("name", "Bulwark"), ("version", .string(input.toolVersion)), ("semanticVersion", .string(input.toolVersion)),
                ("informationUri", "https://github.com/bulwark-dev/bulwark"), ("rules", .array(rules)),
            ])))]))),
            ("originalUriBaseIds", .object(Object([("%SRCROOT%", .object(Object([("uri", "file:///")])))]))),
            ("results", .array(results)),
            ("columnKind", "unicodeCodePoints"),
        ])
        let root = Object([
            ("$schema", "https://json.schemastore.org/sarif-2.1.0.json"), ("version", "2.1.0"), ("runs", .array([.object(run)])),
        ])
        return Value.object(root).jsonString(pretty: true) + "\n"
    }
}
