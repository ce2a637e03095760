import BulwarkCore

/// Everything a renderer needs, independent of how the scan produced it.
public struct ReportInput: Sendable {
    public struct Unparsed: Sendable {
        public var location: SourceSpan
        public var message: String
        public init(location: SourceSpan, message: String) {
            self.location = location
            self.message = message
        }
    }

    public var findings: [Finding]
    public var unparsed: [Unparsed]
    public var filesScanned: Int
    /// Source lines of files with findings (file → lines), to quote the offending line.
    public var sources: [String: [Substring]]
    /// Metadata of every rule that ran, by id (SARIF lists them; text shows remediation).
    public var rules: [String: RuleMetadata]
    public var failOn: Severity
    public var toolVersion: String
    /// Rules that had something to check (for compliance posture); nil when unknown.
    public var applicableRules: [String]? = nil
    /// The compliance levels in force and where; empty when the scan used none.
    public var levels: [LevelSummary] = []
    /// What each rule looked at (for per-resource evidence); empty when unknown (saved reports).
    public var checked: [CheckedSubject] = []

    public init(findings: [Finding], unparsed: [Unparsed], filesScanned: Int, sources: [String: [Substring]],
                rules: [String: RuleMetadata], failOn: Severity, toolVersion: String) {
        self.findings = findings
        self.unparsed = unparsed
        self.filesScanned = filesScanned
        self.sources = sources
        self.rules = rules
        self.failOn = failOn
        self.toolVersion = toolVersion
    }

    public var active: [Finding] { findings.filter { $0.suppression == nil } }
    public var suppressed: [Finding] { findings.filter { $0.suppression != nil } }
    public var failing: [Finding] { active.filter { $0.severity >= threshold(for: $0) } }

    /// A level can make the gate stricter for its paths, never looser: the lower of the
    /// scan's threshold and the finding's level's.
    public func threshold(for f: Finding) -> Severity {
        guard let id = f.level, let l = levels.first(where: { $0.id == id }) else { return failOn }
        return min(failOn, l.failOn)
    }

    /// Whether every finding is judged at `failOn` (no level is stricter).
    public var uniformThreshold: Bool { levels.allSatisfy { $0.failOn >= failOn } }

    public func count(_ s: Severity) -> Int { active.filter { $0.severity == s }.count }
}

/// A compliance level as reports need it: what it is called, where it applies, when it fails.
public struct LevelSummary: Sendable, Equatable {
    public var id: String
    public var failOn: Severity
    /// The `.bulwark.yaml` patterns pinned to it; empty for the scan's default level.
    public var patterns: [String]
    public var isDefault: Bool

    public init(id: String, failOn: Severity, patterns: [String], isDefault: Bool) {
        self.id = id
        self.failOn = failOn
        self.patterns = patterns
        self.isDefault = isDefault
    }

    /// `pci (fails on medium) for services/payments/**` or `standard (fails on high) everywhere else`.
    public var scopeText: String {
        let pins = patterns.isEmpty ? "" : "for \(patterns.joined(separator: ", "))"
        let rest = isDefault ? (patterns.isEmpty ? "everywhere else" : "and everywhere else") : ""
        return "\(id) (fails on \(failOn.rawValue)) \([pins, rest].filter { !$0.isEmpty }.joined(separator: " "))"
    }
}

extension [LevelSummary] {
    /// One line for reports: "pci (fails on medium) everywhere" or each level with its paths.
    public var scopeText: String {
        if count == 1, let only = first, only.patterns.isEmpty { return "\(only.id) (fails on \(only.failOn.rawValue)) everywhere" }
        return map(\.scopeText).joined(separator: "; ")
    }
}

/// One output format. Adding a format is one new file and one enum case.
public protocol ReportRenderer {
    func render(_ input: ReportInput) -> String
}

public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, sarif, junit, markdown, html

    public func renderer(color: Bool = false) -> ReportRenderer {
        switch self {
        case .text: return TextReport(color: color)
        case .json: return JSONReport()
        case .sarif: return SARIFReport()
        case .junit: return JUnitReport()
        case .markdown: return MarkdownReport()
        case .html: return HTMLReport()
        }
    }
}

enum Escape {
    static func xml(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if c.value < 0x20 && c != "\n" && c != "\t" && c != "\r" { out += "?" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    static func markdown(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

import Foundation
