import BulwarkCore

/// The default GITHUB_TOKEN may be read-write on everything; each workflow should ask
/// for only what it uses.
enum ExplicitPermissions: WorkflowRule {
    static let metadata = RuleMetadata(
        id: "GHA-002", title: "Workflows declare least-privilege permissions", severity: .medium, pack: "github-actions",
        rationale: "Without a permissions block the token gets the repository default, often write access to contents, packages and PRs; write-all grants everything.",
        remediation: "Add `permissions: {contents: read}` at the top and grant more per job only where needed.",
        controls: controls("soc2:CC6.3", "pci:7.2.2", "nist:AC-6", "sox:AC-2"), aliases: [])

    static let examples = RuleExamples(
        triggering: ["↓on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n",
                     "on: push\n↓permissions: write-all\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n"],
        passing: ["on: push\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n",
                  "on: push\njobs:\n  build:\n    permissions: {contents: read}\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n"])

    static func check(_ workflow: Document) -> [RuleHit] {
        let m = WorkflowModel(document: workflow)
        var hits: [RuleHit] = []
        if workflow.value["permissions"]?.stringValue == "write-all" {
            hits.append(m.hit([.key("permissions")], "permissions: write-all grants the token every scope."))
        }
        for job in m.jobs where job.value["permissions"]?.stringValue == "write-all" {
            hits.append(m.hit(job.path + [.key("permissions")], "Job \(job.name) uses permissions: write-all."))
        }
        if workflow.value["permissions"] == nil {
            let missing = m.jobs.filter { $0.value["permissions"] == nil }.map(\.name)
            if !missing.isEmpty {
                let onKey: PathComponent = workflow.value["on"] != nil ? .key("on") : .key("true")
                hits.append(m.hit([onKey], "No top-level permissions and job(s) \(missing.joined(separator: ", ")) declare none: the token gets the repository default."))
            }
        }
        return hits
    }
}
