import BulwarkCore

/// `secrets: inherit` hands every repository and organisation secret to the called
/// workflow; for a workflow in another repository that is code you do not control.
enum SecretsInherit: WorkflowRule {
    static let metadata = RuleMetadata(
        id: "GHA-006", title: "Secrets are not inherited by workflows from other repositories", severity: .high, pack: "github-actions",
        rationale: "The called workflow receives all secrets, and its owner can change it at any time.",
        remediation: "Pass only the secrets the called workflow needs, by name, and pin it to a commit SHA.",
        controls: controls("soc2:CC6.1", "nist:AC-6", "pci:7.2.2"), aliases: [])

    static let examples = RuleExamples(
        triggering: ["on: push\npermissions: {}\njobs:\n  call:\n    uses: other-org/pipelines/.github/workflows/deploy.yml@2f7c5bfce28377bc069a65ba478de0a74aa0ca32\n    ↓secrets: inherit\n"],
        passing: ["on: push\npermissions: {}\njobs:\n  call:\n    uses: ./.github/workflows/deploy.yml\n    secrets: inherit\n",
                  "on: push\npermissions: {}\njobs:\n  call:\n    uses: other-org/p/.github/workflows/d.yml@2f7c5bfce28377bc069a65ba478de0a74aa0ca32\n    secrets:\n      token: ${{ secrets.DEPLOY_TOKEN }}\n"])

    static func check(_ workflow: Document) -> [RuleHit] {
        let m = WorkflowModel(document: workflow)
        return m.jobs.compactMap { job in
            guard let uses = job.value["uses"]?.stringValue, !uses.hasPrefix("./"), job.value["secrets"]?.stringValue == "inherit" else { return nil }
            return m.hit(job.path + [.key("secrets")], "Job \(job.name) passes every secret to \(uses).")
        }
    }
}
