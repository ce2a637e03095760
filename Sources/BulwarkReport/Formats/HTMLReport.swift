import BulwarkCore

/// For managers: one self-contained file (no scripts, no external assets) with counts,
/// bar charts by severity and rule, and every finding.
struct HTMLReport: ReportRenderer {
    static let colors: [Severity: String] = [.critical: "#7b1fa2", .high: "#c62828", .medium: "#ef6c00", .low: "#0277bd", .info: "#757575"]

    func render(_ input: ReportInput) -> String {
        let active = input.active
        let maxSeverity = max(1, Severity.allCases.map { input.count($0) }.max() ?? 1)
        let byRule = Dictionary(grouping: active, by: \.ruleId).map { ($0.key, $0.value) }.sorted { $0.1.count > $1.1.count || ($0.1.count == $1.1.count && $0.0 < $1.0) }
        let maxRule = max(1, byRule.first?.1.count ?? 1)
        var h = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Bulwark scan report</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
        body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1d1d1f;background:#fafafa}
        h1{margin:0 0 .25rem}.sub{color:#666;margin-bottom:1.5rem}
        .cards{display:flex;gap:1rem;flex-wrap:wrap;margin-bottom:1.5rem}
        .card{background:#fff;border-radius:8px;padding:1rem 1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.12);min-width:8rem}
        .card .n{font-size:2rem;font-weight:700}.card .l{color:#666}
        .chart{background:#fff;border-radius:8px;padding:1rem;box-shadow:0 1px 3px rgba(0,0,0,.12);margin-bottom:1.5rem}
        .bar{display:flex;align-items:center;gap:.5rem;margin:.25rem 0}.bar .k{width:16rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
        .bar .v{height:1rem;border-radius:3px}
        table{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 3px rgba(0,0,0,.12)}
        th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #eee;vertical-align:top}th{background:#f0f0f0}
        .sev{color:#fff;border-radius:4px;padding:0 .4rem;font-size:.85rem}
        code{font-size:.9em}
        </style></head><body>
        <h1>Bulwark scan report</h1>
        <div class="sub">\(input.filesScanned) files scanned · \(active.count) findings · \(input.suppressed.count) suppressed · fail threshold: \(input.uniformThreshold ? input.failOn.rawValue : Escape.xml(input.levels.scopeText))</div>
        <div class="cards">

        """
        for s in Severity.allCases.reversed() {
            h += "<div class=\"card\"><div class=\"n\" style=\"color:\(Self.colors[s]!)\">\(input.count(s))</div><div class=\"l\">\(s.rawValue)</div></div>\n"
        }
        h += "</div>\n<div class=\"chart\"><h2>By severity</h2>\n"
        for s in Severity.allCases.reversed() {
            let w = Int(Double(input.count(s)) / Double(maxSeverity) * 400)
            h += "<div class=\"bar\"><span class=\"k\">\(s.rawValue)</span><span class=\"v\" style=\"width:\(w)px;background:\(Self.colors[s]!)\"></span><span>\(input.count(s))</span></div>\n"
        }
        h += "</div>\n<div class=\"chart\"><h2>By rule</h2>\n"
        for (id, fs) in byRule {
            let w = Int(Double(fs.count) / Double(maxRule) * 400)
            h += "<div class=\"bar\"><span class=\"k\" title=\"\(Escape.xml(fs[0].title))\">\(Escape.xml(id)) \(Escape.xml(fs[0].title))</span><span class=\"v\" style=\"width:\(w)px;background:\(Self.colors[fs[0].severity]!)\"></span><span>\(fs.count)</span></div>\n"
        }
        h += "</div>\n<h2>Findings</h2>\n<table><thead><tr><th>Severity</th><th>Rule</th><th>Location</th><th>Resource</th><th>Message</th><th>Fix</th></tr></thead><tbody>\n"
        for f in input.findings {
            let sev = f.suppression == nil ? "<span class=\"sev\" style=\"background:\(Self.colors[f.severity]!)\">\(f.severity.rawValue)</span>"
                                           : "<span class=\"sev\" style=\"background:#9e9e9e\">suppressed (\(f.suppression!.kind.rawValue))</span>"
            h += "<tr><td>\(sev)</td><td><code>\(Escape.xml(f.ruleId))</code></td><td><code>\(Escape.xml(f.location.description))</code></td><td>\(Escape.xml(f.resource?.description ?? ""))</td><td>\(Escape.xml(f.message))</td><td>\(Escape.xml(f.remediation))</td></tr>\n"
        }
        h += "</tbody></table>\n"
        if !input.unparsed.isEmpty {
            h += "<h2>Files that could not be parsed</h2><ul>\n"
            for u in input.unparsed { h += "<li><code>\(Escape.xml(u.location.description))</code> \(Escape.xml(u.message))</li>\n" }
            h += "</ul>\n"
        }
        h += "<p class=\"sub\">Bulwark \(Escape.xml(input.toolVersion))</p></body></html>\n"
        return h
    }
}
