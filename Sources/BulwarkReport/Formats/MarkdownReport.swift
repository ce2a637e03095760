import BulwarkCore

/// For PR comments and job summaries: counts first, then a table per severity.
struct MarkdownReport: ReportRenderer {
    func render(_ input: ReportInput) -> String {
        var out = "## Bulwark scan\n\n"
        let gate = input.uniformThreshold ? "at or above **\(input.failOn.rawValue)**" : "at or above their compliance level's threshold"
        out += input.failing.isEmpty ? "✅ Nothing \(gate).\n\n" : "❌ **\(input.failing.count)** finding(s) \(gate).\n\n"
        if input.levels.count > 1 || input.levels.contains(where: { $0.id != "standard" }) {
            out += "Compliance levels: " + Escape.markdown(input.levels.scopeText) + ".\n\n"
        }
        out += "| severity | findings |\n|---|---:|\n"
        for s in Severity.allCases.reversed() { out += "| \(s.rawValue) | \(input.count(s)) |\n" }
        out += "| suppressed | \(input.suppressed.count) |\n\n"
        out += "\(input.filesScanned) files scanned.\n\n"
        if !input.active.isEmpty {
            out += "| severity | rule | location | resource | message |\n|---|---|---|---|---|\n"
            for f in input.active.sorted(by: { $0.severity > $1.severity || ($0.severity == $1.severity && Finding.ordered($0, $1)) }) {
                out += "| \(f.severity.rawValue) | `\(f.ruleId)` | `\(Escape.markdown(f.location.file)):\(f.location.line)` | \(Escape.markdown(f.resource?.description ?? "")) | \(Escape.markdown(f.message)) |\n"
            }
            out += "\n"
        }
        if !input.unparsed.isEmpty {
            out += "<details><summary>\(input.unparsed.count) file(s) could not be parsed</summary>\n\n"
            for u in input.unparsed { out += "- `\(Escape.markdown(u.location.description))` \(Escape.markdown(u.message))\n" }
            out += "\n</details>\n"
        }
        return out
    }
}
