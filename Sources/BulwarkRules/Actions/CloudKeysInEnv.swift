import BulwarkCore

/// Long-lived cloud keys in CI are the most-leaked credential there is; every major
/// cloud accepts GitHub's OIDC token instead.
enum CloudKeysInEnv: WorkflowRule {
    static let metadata = RuleMetadata(
        id: "GHA-005", title: "Cloud access uses OIDC, not long-lived keys", severity: .medium, pack: "github-actions",
        rationale: "Static cloud keys stored as secrets never expire and work from anywhere if leaked; OIDC tokens are short-lived and scoped to the workflow.",
        remediation: "Grant `id-token: write` and use aws-actions/configure-aws-credentials with role-to-assume (google-github-actions/auth with workload identity, azure/login with a federated credential).",
        controls: controls("soc2:CC6.1", "pci:8.3.1", "nist:IA-5"), aliases: [])

    static let examples = RuleExamples(
        triggering: ["on: push\npermissions: {}\njobs:\n  d:\n    runs-on: ubuntu-latest\n    env:\n      ↓AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET }}\n    steps: [{run: make deploy}]\n",
                     "on: push\npermissions: {}\njobs:\n  d:\n    steps:\n      - uses: aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502\n        with:\n          ↓aws-access-key-id: ${{ secrets.KEY }}\n"],
        passing: ["on: push\npermissions: {id-token: write}\njobs:\n  d:\n    steps:\n      - uses: aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/deploy\n"])

    static let envKeys: Set<String> = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GOOGLE_CREDENTIALS", "GCP_SA_KEY", "GOOGLE_APPLICATION_CREDENTIALS_JSON", "AZURE_CREDENTIALS", "AZURE_CLIENT_SECRET"]
    static let inputKeys: Set<String> = ["aws-access-key-id", "aws-secret-access-key", "credentials_json", "creds"]

    static func check(_ workflow: Document) -> [RuleHit] {
        let m = WorkflowModel(document: workflow)
        var hits: [RuleHit] = []
        func scan(_ env: Value?, _ path: [PathComponent], keys: Set<String>) {
            guard case .object(let o)? = env else { return }
            for (k, v) in o where keys.contains(k) && (v.stringValue?.contains("secrets.") ?? false) {
                hits.append(m.hit(path + [.key(k)], "\(k) passes a long-lived cloud key from secrets."))
            }
        }
        scan(workflow.value["env"], [.key("env")], keys: envKeys)
        for job in m.jobs { scan(job.value["env"], job.path + [.key("env")], keys: envKeys) }
        for s in m.steps {
            scan(s.value["env"], s.path + [.key("env")], keys: envKeys)
            scan(s.value["with"], s.path + [.key("with")], keys: inputKeys)
        }
        return hits
    }
}
