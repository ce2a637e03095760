import BulwarkCore

/// For machines: the `bulwark.scan/v1` schema documented in docs/json-report.md.
struct JSONReport: ReportRenderer {
    static let schema = "bulwark.scan/v1"

    func render(_ input: ReportInput) -> String {
        var summary = Object()
        summary["filesScanned"] = .int(input.filesScanned)
        summary["findings"] = .int(input.active.count)
        summary["suppressed"] = .int(input.suppressed.count)
        var bySeverity = Object()
        for s in Severity.allCases.reversed() { bySeverity[s.rawValue] = .int(input.count(s)) }
        summary["bySeverity"] = .object(bySeverity)
        summary["failOn"] = .string(input.failOn.rawValue)
        summary["failing"] = .int(input.failing.count)
        var root = Object()
        root["schema"] = .string(Self.schema)
        root["tool"] = .object(Object([("name", "bulwark"), ("version", .string(input.toolVersion))]))
        if !input.levels.isEmpty {
            summary["levels"] = .array(input.levels.map { l in
                .object(Object([("id", .string(l.id)), ("failOn", .string(l.failOn.rawValue)), ("paths", .array(l.patterns.map(Value.string))),
                                ("default", .bool(l.isDefault))]))
            })
        }
        root["summary"] = .object(summary)
        root["findings"] = .array(ParallelMap.map(input.findings, Self.finding))
        root["unparsedFiles"] = .array(input.unparsed.map { u in
            .object(Object([("file", .string(u.location.file)), ("line", .int(u.location.line)), ("column", .int(u.location.column)),
                            ("message", .string(u.message))]))
        })
        if let applicable = input.applicableRules { root["applicableRules"] = .array(applicable.map(Value.string)) }
        return Value.object(root).jsonString(pretty: true) + "\n"
    }

    static func finding(_ f: Finding) -> Value {
        var o = Object()
        o["ruleId"] = .string(f.ruleId)
        o["aliases"] = .array(f.aliases.map(Value.string))
        o["severity"] = .string(f.severity.rawValue)
        o["title"] = .string(f.title)
        o["message"] = .string(f.message)
        o["file"] = .string(f.location.file)
        o["line"] = .int(f.location.line)
        o["column"] = .int(f.location.column)
        if let r = f.resource {
            o["resource"] = .object(Object([("kind", .string(r.kind)), ("name", .string(r.name)), ("namespace", r.namespace.map(Value.string) ?? .null)]))
        } else {
            o["resource"] = .null
        }
        o["attributePath"] = .string(f.attributePath)
        o["controls"] = .array(f.controls.map { .string($0.description) })
        o["remediation"] = .string(f.remediation)
        o["fingerprint"] = .string(f.fingerprint)
        if let level = f.level { o["level"] = .string(level) }
        if let s = f.suppression {
            var so = Object([("kind", .string(s.kind.rawValue)), ("reason", .string(s.reason))])
            if let e = s.expires { so["expires"] = .string(e) }
            if let owner = s.owner { so["owner"] = .string(owner) }
            o["suppressed"] = .object(so)
        } else {
            o["suppressed"] = .bool(false)
        }
        return .object(o)
    }
}
