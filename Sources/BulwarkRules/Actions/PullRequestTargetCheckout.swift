import BulwarkCore

/// `pull_request_target` runs with secrets and a write token; checking out the PR's
/// head then runs the attacker's code with them ("pwn request").
enum PullRequestTargetCheckout: WorkflowRule {
    static let metadata = RuleMetadata(
        id: "GHA-003", title: "pull_request_target does not check out the pull request's code", severity: .critical, pack: "github-actions",
        rationale: "Code from a fork runs with the base repository's secrets and write token.",
        remediation: "Use `pull_request` for building untrusted code, or split into an unprivileged build and a privileged workflow_run that only consumes artifacts.",
        controls: controls("soc2:CC8.1", "pci:6.3.2", "nist:CM-5"), aliases: [])

    static let examples = RuleExamples(
        triggering: ["on: pull_request_target\npermissions: {contents: read}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ↓ref: ${{ github.event.pull_request.head.sha }}\n"],
        passing: ["on: pull_request_target\npermissions: {contents: read}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n",
                  "on: pull_request\njobs:\n  t:\n    steps:\n      - uses: actions/checkout@v4\n        with: {ref: \"${{ github.event.pull_request.head.sha }}\"}\n"])

    static func check(_ workflow: Document) -> [RuleHit] {
        let m = WorkflowModel(document: workflow)
        guard m.triggers.contains("pull_request_target") else { return [] }
        return m.steps.compactMap { s in
            guard s.value["uses"]?.stringValue?.hasPrefix("actions/checkout") == true,
                  let ref = s.value["with"]?["ref"]?.stringValue,
                  ref.contains("github.event.pull_request.head") || ref.contains("github.head_ref") else { return nil }
            return m.hit(s.path + [.key("with"), .key("ref")], "Job \(s.job) checks out the pull request head under pull_request_target.")
        }
    }
}
