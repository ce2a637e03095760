import BulwarkCore

/// For people at a terminal: grouped by file, the offending line with a caret, the fix.
struct TextReport: ReportRenderer {
    var color: Bool

    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    func severityLabel(_ s: Severity) -> String {
        let label = s.rawValue.uppercased()
        switch s {
        case .critical: return paint(label, "1;35")
        case .high: return paint(label, "31")
        case .medium: return paint(label, "33")
        case .low: return paint(label, "36")
        case .info: return paint(label, "2")
        }
    }

    func render(_ input: ReportInput) -> String {
        var out = ""
        var byFile: [(String, [Finding])] = []
        for f in input.active {
            if byFile.last?.0 == f.location.file { byFile[byFile.count - 1].1.append(f) } else { byFile.append((f.location.file, [f])) }
        }
        for (file, findings) in byFile {
            out += paint(file, "1") + "\n"
            for f in findings {
                let resource = f.resource.map { " \($0.description)" } ?? ""
                out += "  \(f.location.line):\(f.location.column)  \(severityLabel(f.severity))  \(f.ruleId)\(resource)  \(f.title)\n"
                if f.message != f.title { out += "      \(f.message)\n" }
                if let line = f.snippet ?? input.sources[file].flatMap({ lines in f.location.line >= 1 && f.location.line <= lines.count ? String(lines[f.location.line - 1]) : nil }) {
                    let text = line.replacingOccurrences(of: "\t", with: " ")
                    out += paint("      \(f.location.line) | ", "2") + text + "\n"
                    let pad = String(repeating: " ", count: String(f.location.line).count)
                    out += paint("      \(pad) | ", "2") + String(repeating: " ", count: max(0, f.location.column - 1)) + paint("^", "31") + "\n"
                }
                if !f.remediation.isEmpty { out += "      fix: \(f.remediation)\n" }
            }
            out += "\n"
        }
        if !input.unparsed.isEmpty {
            out += paint("Files that could not be parsed (reported above as BULWARK-000):", "1") + "\n"
            for u in input.unparsed { out += "  \(u.location): \(u.message)\n" }
            out += "\n"
        }
        let suppressed = input.suppressed
        if !suppressed.isEmpty {
            let byKind = Dictionary(grouping: suppressed, by: { $0.suppression?.kind.rawValue ?? "" })
            out += "Suppressed: " + byKind.keys.sorted().map { "\(byKind[$0]!.count) \($0)" }.joined(separator: ", ") + "\n"
        }
        if input.levels.count > 1 || input.levels.contains(where: { $0.id != "standard" }) {
            out += "Compliance levels: " + input.levels.scopeText + "\n"
        }
        let counts = Severity.allCases.reversed().map { "\(input.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        out += "\(input.active.count) findings (\(counts)) in \(input.filesScanned) files"
        let gate = input.uniformThreshold ? "at or above \(input.failOn.rawValue)" : "at or above their level's threshold"
        out += input.failing.isEmpty ? " — nothing \(gate)\n"
                                     : " — \(paint("\(input.failing.count) \(gate)", "31"))\n"
        return out
    }
}
