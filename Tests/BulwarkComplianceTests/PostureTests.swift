import BulwarkCompliance
import BulwarkCore
import Testing

@Suite struct PostureTests {
    static let framework = Framework(id: "demo", name: "Demo", version: "1", description: "", controls: [
        .init(id: "A", title: "a", description: "", automation: .automated, rules: []),
        .init(id: "B", title: "b", description: "", automation: .automated, rules: []),
        .init(id: "C", title: "c", description: "", automation: .partial, rules: ["R3"]),
        .init(id: "D", title: "d", description: "", automation: .automated, rules: []),
        .init(id: "M", title: "m", description: "", automation: .manual, rules: ["R1"]),
    ], source: "test")

    static let rules = [
        RuleMetadata(id: "R1", title: "r1", severity: .high, pack: "t", rationale: "", remediation: "", controls: [ControlRef("demo", "A")]),
        RuleMetadata(id: "R2", title: "r2", severity: .high, pack: "t", rationale: "", remediation: "", controls: [ControlRef("demo", "B")]),
        RuleMetadata(id: "R3", title: "r3", severity: .high, pack: "t", rationale: "", remediation: "", controls: []),
    ]

    func finding(_ rule: String, waived: Bool = false, notEvaluated: Bool = false) -> Finding {
        var f = Finding(ruleId: rule, severity: notEvaluated ? .info : .high, title: rule, message: notEvaluated ? "not evaluated: x" : "bad",
                        location: SourceSpan(file: "f", line: 1, column: 1))
        if waived { f.suppression = Suppression(kind: .waiver, reason: "accepted", expires: "2099-01-01", owner: "team") }
        return f
    }

    @Test func statusesAndScores() throws {
        // A fails (R1), B passes only because its finding is waived, C is not evaluated, D has no rule, M is manual.
        let p = Posture(framework: Self.framework, rules: Self.rules,
                        findings: [finding("R1"), finding("R2", waived: true), finding("R3", notEvaluated: true)])
        let byID = Dictionary(uniqueKeysWithValues: p.controls.map { ($0.control.id, $0) })
        #expect(byID["A"]?.status == .fail)
        #expect(byID["B"]?.status == .pass && byID["B"]?.rawStatus == .fail)
        #expect(byID["C"]?.status == .notEvaluated)
        #expect(byID["D"]?.status == .notEvaluated, "a control no rule evidences is never a pass")
        #expect(byID["M"]?.status == .manual, "manual stays manual even with a mapped rule")
        // Judged: A, B, C, D (4). Raw: none pass → 0 %. With waivers: B passes → 25 %.
        #expect(p.score(raw: true) == 0)
        #expect(p.score(raw: false) == 25)
        let text = p.text()
        #expect(text.contains("FAIL     A") && text.contains("passes only with 1 waived"))
        #expect(text.contains("A        a — 1 finding (R1)\n" + String(repeating: " ", count: 20) + "f:1 (R1)\n"), "the resource behind a failing control is listed under it:\n\(text)")
        #expect(text.contains("f:1 (R3, not evaluated)"), "so is the one a rule could not evaluate")
        let md = p.markdown()
        #expect(md.contains("**Posture: 0%** of automated controls pass (25% with waivers applied)"))
        #expect(md.contains("| ❌ fail | A | a | `f:1` R1 |") && md.contains("| ✅ pass | B | b | passes only with 1 waived finding(s) |"), "\(md)")
        #expect(md.contains("| ⚠️ not evaluated | D | d | no rule evidences it |") && md.contains("| 📝 manual | M | m |  |"), "\(md)")
        #expect(text.contains("Posture: 0% of automated controls pass (25% with waivers applied)"))
    }

    @Test func rulesWithNothingToCheckDoNotPass() {
        // No findings at all; R2 (control B) had something to check, R1 (control A) did not.
        let p = Posture(framework: Self.framework, rules: Self.rules, findings: [], applicable: ["R2"])
        let byID = Dictionary(uniqueKeysWithValues: p.controls.map { ($0.control.id, $0) })
        #expect(byID["A"]?.status == .notEvaluated && byID["A"]?.nothingToCheck == true)
        #expect(byID["B"]?.status == .pass)
        #expect(p.score(raw: false) == 25)
        #expect(p.text().contains("nothing in the scan for its 1 rule to check"))
    }
}
