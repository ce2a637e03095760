import BulwarkCore

/// `${{ }}` is expanded into the script text before the shell runs, so an attacker-
/// controlled title or branch name becomes shell code.
enum ScriptInjection: WorkflowRule {
    static let metadata = RuleMetadata(
        id: "GHA-004", title: "Untrusted event data is not interpolated into run scripts", severity: .high, pack: "github-actions",
        rationale: "Issue titles, PR bodies, branch names and commit messages are attacker-controlled; `${{ }}` pastes them into the script unescaped.",
        remediation: "Pass the value through an environment variable (`env: TITLE: ${{ github.event.issue.title }}`) and use \"$TITLE\" in the script.",
        controls: controls("soc2:CC8.1", "pci:6.2.4", "nist:SI-10"), aliases: [])

    static let examples = RuleExamples(
        triggering: ["on: issues\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - ↓run: echo \"${{ github.event.issue.title }}\"\n",
                     "on: pull_request\npermissions: {}\njobs:\n  t:\n    steps:\n      - ↓run: git checkout ${{ github.head_ref }}\n"],
        passing: ["on: issues\npermissions: {}\njobs:\n  t:\n    steps:\n      - run: echo \"$TITLE\"\n        env:\n          TITLE: ${{ github.event.issue.title }}\n",
                  "on: pull_request\npermissions: {}\njobs:\n  t:\n    steps:\n      - run: echo ${{ github.event.pull_request.number }}\n"])

    /// Fields an attacker cannot choose freely.
    static let safeSuffixes = [".number", ".id", ".sha", ".node_id", ".html_url", ".created_at", ".updated_at", ".merged", ".draft", ".state"]

    static func check(_ workflow: Document) -> [RuleHit] {
        let m = WorkflowModel(document: workflow)
        var hits: [RuleHit] = []
        for s in m.steps {
            guard let script = s.value["run"]?.stringValue else { continue }
            var rest = Substring(script)
            while let open = rest.range(of: "${{") {
                guard let close = rest[open.upperBound...].range(of: "}}") else { break }
                let expr = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                rest = rest[close.upperBound...]
                let untrusted = (expr.hasPrefix("github.event.") && !safeSuffixes.contains(where: expr.hasSuffix)) || expr == "github.head_ref"
                if untrusted {
                    hits.append(m.hit(s.path + [.key("run")], "run interpolates ${{ \(expr) }} into the script."))
                    break
                }
            }
        }
        return hits
    }
}
