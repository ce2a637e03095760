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
    public var failing: [Finding] { active.filter { $0.severity >= failOn } }

    public func count(_ s: Severity) -> Int { active.filter { $0.severity == s }.count }
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
