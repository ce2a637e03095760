import BulwarkCore
import BulwarkTerraform

/// Keys written into a provider block end up in Git history, CI logs and every clone of the repository.
enum ProviderHardcodedCredentials: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-PROV-001", title: "AWS provider blocks hold no hard-coded credentials", severity: .critical, pack: "terraform-aws",
        rationale: "Keys written into a provider block end up in Git history, CI logs and every clone of the repository.",
        remediation: "Remove access_key/secret_key; use environment credentials, a shared profile, or OIDC-assumed roles in CI. Rotate the exposed key now.",
        controls: controls("soc2:CC6.1", "pci:8.3.2", "nist:IA-5"), aliases: ["CKV_AWS_41"])

    static let examples = RuleExamples(
        triggering: ["provider \"aws\" {\n  region     = \"eu-west-1\"\n  ↓access_key = \"AKIAIOSFODNN7EXAMPLE\"\n  secret_key = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"\n}\n"],
        passing: ["variable \"secret_key\" {\n  type      = string\n  sensitive = true\n}\nprovider \"aws\" {\n  region     = \"eu-west-1\"\n  secret_key = var.secret_key\n}\n"])

    static let resourceTypes: Set<String> = ["aws"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        // Only literal values count: a variable with no value is supplied at run time, which is the fix.
        for key in ["access_key", "secret_key"] {
            guard case .known(let v) = r.attribute(key), let text = v.stringValue, !text.isEmpty else { continue }
            if key == "secret_key" || AWSCredentials.accessKey(in: text) != nil {
                return [.violation(path: key, message: "\(r.address) hard-codes \(key).")]
            }
        }
        return []
    }
}
