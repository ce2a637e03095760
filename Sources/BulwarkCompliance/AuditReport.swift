import BulwarkCore
import Foundation

/// The HTML an auditor reads: per framework the posture and every control with its status and
/// the findings behind it, the findings per service (top-level folder under services/ or the
/// first path segment), the exceptions in force with owner and expiry, and — when the results
/// come from an evidence bundle — the bundle's file hashes. One self-contained file, no scripts.
public enum AuditReport {
    public static func html(postures: [Posture], findings: [Finding], scope: String, generated: String,
                            evidence: [(name: String, sha256: String)] = [], signedBy: String? = nil, levels: String? = nil) -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let statusColor: [Posture.Status: String] = [.pass: "#2e7d32", .fail: "#c62828", .notEvaluated: "#ef6c00", .manual: "#616161"]
        var h = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Compliance report — \(esc(scope))</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
        body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1d1d1f;background:#fafafa;max-width:80rem}
        h1{margin:0 0 .25rem}h2{margin-top:2rem}.sub{color:#555;margin-bottom:1.5rem}
        .cards{display:flex;gap:1rem;flex-wrap:wrap}.card{background:#fff;border-radius:8px;padding:1rem 1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.12);min-width:12rem}
        .card .n{font-size:2rem;font-weight:700}.card .l{color:#555}
        table{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 3px rgba(0,0,0,.12);margin:.5rem 0 1rem}
        th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #eee;vertical-align:top}th{background:#f0f0f0}
        .st{color:#fff;border-radius:4px;padding:0 .45rem;font-size:.85rem;white-space:nowrap}
        code{font-size:.85em;word-break:break-all}.muted{color:#666}
        </style></head><body>
        <h1>Compliance report</h1>
        <div class="sub">Scope <code>\(esc(scope))</code> · generated \(esc(generated)) by Bulwark · manual controls need people and process and are never counted as passing</div>
        """
        if let levels { h += "<div class=\"sub\">Compliance levels: \(esc(levels))</div>\n" }
        h += """
        <div class="cards">
        """
        for p in postures {
            let score = p.score(raw: false).map { String(format: "%.0f%%", $0) } ?? "n/a"
            let raw = p.score(raw: true).map { String(format: "%.0f%%", $0) } ?? "n/a"
            h += "<div class=\"card\"><div class=\"n\">\(score)</div><div class=\"l\">\(esc(p.framework.name)) \(esc(p.framework.version))<br>automated controls passing (raw: \(raw))</div></div>\n"
        }
        h += "</div>\n"
        for p in postures {
            h += "<h2>\(esc(p.framework.name)) \(esc(p.framework.version))</h2>\n<table><tr><th>control</th><th>status</th><th>title</th><th>evidence</th></tr>\n"
            for c in p.controls {
                let active = c.findings.filter { $0.suppression == nil }
                var evidence = c.rules.isEmpty ? "<span class=\"muted\">no automated check</span>" : "\(c.rules.count) rule\(c.rules.count == 1 ? "" : "s")"
                if !active.isEmpty {
                    evidence += "<ul>" + active.prefix(8).map { "<li><code>\(esc($0.ruleId))</code> \(esc($0.location.file)):\($0.location.line) — \(esc($0.message))</li>" }.joined() + "</ul>"
                    if active.count > 8 { evidence += "<div class=\"muted\">… and \(active.count - 8) more</div>" }
                }
                h += "<tr><td><code>\(esc(c.control.id))</code></td><td><span class=\"st\" style=\"background:\(statusColor[c.status]!)\">\(c.status.rawValue)</span></td>"
                h += "<td>\(esc(c.control.title))<div class=\"muted\">\(esc(c.control.description))</div></td><td>\(evidence)</td></tr>\n"
            }
            h += "</table>\n"
        }
        // Per service.
        func service(_ file: String) -> String {
            let parts = file.split(separator: "/")
            if parts.count > 2, parts[0] == "services" { return "services/\(parts[1])" }
            return parts.count > 1 ? String(parts[0]) : "(root)"
        }
        let byService = Dictionary(grouping: findings.filter { $0.suppression == nil }, by: { service($0.location.file) })
        h += "<h2>Findings per service</h2>\n<table><tr><th>service</th><th>critical</th><th>high</th><th>medium</th><th>low</th><th>info</th></tr>\n"
        for s in byService.keys.sorted() {
            let list = byService[s]!
            h += "<tr><td><code>\(esc(s))</code></td>" + Severity.allCases.reversed().map { sev in "<td>\(list.filter { $0.severity == sev }.count)</td>" }.joined() + "</tr>\n"
        }
        h += "</table>\n<h2>Exceptions in force</h2>\n"
        let excepted = findings.filter { $0.suppression != nil }
        if excepted.isEmpty {
            h += "<p class=\"muted\">None.</p>\n"
        } else {
            h += "<table><tr><th>rule</th><th>where</th><th>kind</th><th>owner</th><th>expires</th><th>reason</th></tr>\n"
            for f in excepted {
                let s = f.suppression!
                h += "<tr><td><code>\(esc(f.ruleId))</code></td><td>\(esc(f.location.file)):\(f.location.line)</td><td>\(s.kind.rawValue)</td>"
                h += "<td>\(esc(s.owner ?? "—"))</td><td>\(esc(s.expires ?? "—"))</td><td>\(esc(s.reason))</td></tr>\n"
            }
            h += "</table>\n"
        }
        if !evidence.isEmpty {
            h += "<h2>Evidence</h2>\n<p>\(signedBy.map { "Signed bundle, key id <code>\(esc($0))</code>. " } ?? "")Verify with <code>bulwark evidence verify DIR --key KEY.pub</code>.</p>\n"
            h += "<table><tr><th>file</th><th>SHA-256</th></tr>\n" + evidence.map { "<tr><td><code>\(esc($0.name))</code></td><td><code>\($0.sha256)</code></td></tr>\n" }.joined() + "</table>\n"
        }
        h += "</body></html>\n"
        return h
    }
}
