import BulwarkCore

/// A framework's controls judged from one scan's findings.
///
/// A control with automated evidence fails when any of its rules has a finding, is "not
/// evaluated" when one of its rules could only report "not evaluated" (and none failed),
/// and passes otherwise; manual controls are listed and never count as passing. Posture is
/// the share of automated and partially automated controls that pass — raw (suppressed and
/// waived findings still fail the control) and with waivers applied.
public struct Posture: Sendable {
    public enum Status: String, Sendable { case pass, fail, notEvaluated = "not evaluated", manual }

    public struct ControlResult: Sendable {
        public var control: Framework.Control
        public var rules: [String]
        /// With waivers and suppressions applied.
        public var status: Status
        /// Counting suppressed and waived findings as failures.
        public var rawStatus: Status
        public var findings: [Finding]
        /// None of its rules had anything to check in the scanned scope.
        public var nothingToCheck = false

        /// The active findings behind the verdict, in report order: the failures of a failing
        /// control, the undecided ones of a control that could not be judged.
        public var behind: [Finding] {
            let active = findings.filter { $0.suppression == nil }
            switch status {
            case .fail: return active.filter { !Posture.isUndecided($0) }.sorted(by: Finding.ordered)
            case .notEvaluated: return active.filter(Posture.isUndecided).sorted(by: Finding.ordered)
            default: return []
            }
        }
    }

    /// A finding that says a rule could not decide (an unknown value), not that it failed.
    static func isUndecided(_ f: Finding) -> Bool { f.message.hasPrefix("not evaluated") || f.severity == .info }

    public var framework: Framework
    public var controls: [ControlResult]

    /// `applicable`: the rules that had something to check (nil: unknown, every mapped rule counts).
    public init(framework: Framework, rules: [RuleMetadata], findings: [Finding], applicable: Set<String>? = nil) {
        self.framework = framework
        let evidence = framework.evidence(from: rules)
        var byRule: [String: [Finding]] = [:]
        for f in findings { byRule[f.ruleId, default: []].append(f) }
        controls = framework.controls.map { c in
            let ruleIDs = evidence[c.id] ?? []
            let related = ruleIDs.flatMap { byRule[$0] ?? [] }
            let nothingToCheck = !ruleIDs.isEmpty && applicable.map { a in !ruleIDs.contains { a.contains($0) } } ?? false
            func status(_ considered: [Finding]) -> Status {
                if c.automation == .manual { return .manual }
                if considered.contains(where: { !Posture.isUndecided($0) }) { return .fail }
                if considered.contains(where: Posture.isUndecided) { return .notEvaluated }
                return ruleIDs.isEmpty || nothingToCheck ? .notEvaluated : .pass
            }
            return ControlResult(control: c, rules: ruleIDs, status: status(related.filter { $0.suppression == nil }),
                                 rawStatus: status(related), findings: related, nothingToCheck: nothingToCheck)
        }
    }

    /// Percentage of automated and partial controls that pass; nil when there are none.
    public func score(raw: Bool) -> Double? {
        let judged = controls.filter { $0.control.automation != .manual }
        guard !judged.isEmpty else { return nil }
        let passing = judged.filter { (raw ? $0.rawStatus : $0.status) == .pass }.count
        return Double(passing) * 100 / Double(judged.count)
    }

    /// The control table for a pull-request comment or job summary.
    public func markdown() -> String {
        func esc(_ t: String) -> String { t.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = "### \(esc(framework.name)) \(esc(framework.version))\n\n"
        if let raw = score(raw: true), let waived = score(raw: false) {
            out += String(format: "**Posture: %.0f%%** of automated controls pass (%.0f%% with waivers applied); not evaluated counts as not passing, manual controls are not counted.\n\n", raw, waived)
        }
        out += "| status | control | title | behind it |\n|---|---|---|---|\n"
        for r in controls {
            let listed = r.behind
            var behind = listed.prefix(3).map { "`\(esc($0.location.file)):\($0.location.line)` \($0.ruleId)\(r.status == .notEvaluated ? " not evaluated" : "")" }
                .joined(separator: "<br>")
            if listed.count > 3 { behind += "<br>… and \(listed.count - 3) more" }
            if r.status == .pass, r.rawStatus == .fail {
                behind = "passes only with \(r.findings.filter { $0.suppression != nil }.count) waived finding(s)"
            } else if r.status == .notEvaluated, r.rules.isEmpty {
                behind = "no rule evidences it"
            } else if r.status == .notEvaluated, r.nothingToCheck {
                behind = "nothing in the scan for its rules to check"
            }
            let mark = ["pass": "✅ pass", "fail": "❌ fail", "not evaluated": "⚠️ not evaluated", "manual": "📝 manual"][r.status.rawValue] ?? r.status.rawValue
            out += "| \(mark) | \(esc(r.control.id)) | \(esc(r.control.title)) | \(behind) |\n"
        }
        return out
    }

    /// The control table for people: status, control, title, and what failed.
    public func text() -> String {
        var out = "\(framework.name) \(framework.version) — control status from this scan\n"
        out += "PASS: its rules checked what was scanned and found no problem · FAIL: at least one found one · "
        out += "NOT EVAL: nothing to check, a value could not be known, or no rule evidences it · MANUAL: needs people and process, never counted\n\n"
        let width = max(7, controls.map(\.control.id.count).max() ?? 7)
        for r in controls {
            let mark: String
            switch r.status {
            case .pass: mark = "PASS   "
            case .fail: mark = "FAIL   "
            case .notEvaluated: mark = "NOT EVAL"
            case .manual: mark = "MANUAL "
            }
            out += "  \(mark.padding(toLength: 8, withPad: " ", startingAt: 0)) \(r.control.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(r.control.title)"
            let active = r.findings.filter { $0.suppression == nil }
            if r.status == .fail {
                let rules = Set(active.map(\.ruleId)).sorted()
                out += " — \(active.count) finding\(active.count == 1 ? "" : "s") (\(rules.prefix(4).joined(separator: ", "))\(rules.count > 4 ? ", …" : ""))"
            } else if r.rawStatus == .fail {
                out += " — passes only with \(r.findings.count - active.count) waived or suppressed finding(s)"
            } else if r.status == .notEvaluated, r.rules.isEmpty {
                out += " — no rule evidences it"
            } else if r.status == .notEvaluated, r.nothingToCheck {
                out += " — nothing in the scan for its \(r.rules.count) rule\(r.rules.count == 1 ? "" : "s") to check"
            }
            out += "\n"
            // The resources behind a verdict, so a reader can act without another report.
            let behind = r.behind
            let indent = String(repeating: " ", count: 13 + width)
            for f in behind.prefix(3) {
                out += "\(indent)\(f.location.file):\(f.location.line)\(f.resource.map { " \($0.description)" } ?? "") (\(f.ruleId)\(r.status == .notEvaluated ? ", not evaluated" : ""))\n"
            }
            if behind.count > 3 { out += "\(indent)… and \(behind.count - 3) more (`--format json` lists every finding with its controls)\n" }
        }
        let count = { (s: Status) in self.controls.filter { $0.status == s }.count }
        out += "\n  \(count(.pass)) pass, \(count(.fail)) fail, \(count(.notEvaluated)) not evaluated, \(count(.manual)) manual (not counted)\n"
        if let raw = score(raw: true), let waived = score(raw: false) {
            out += String(format: "  Posture: %.0f%% of automated controls pass (%.0f%% with waivers applied); not evaluated counts as not passing\n", raw, waived)
        }
        return out
    }
}

import Foundation
