import BulwarkCore
import BulwarkTerraform

/// A key policy is the only gate on a KMS key; `Principal: "*"` opens it to every AWS
/// account unless a condition pins callers down.
enum KMSKeyWildcardPrincipal: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-KMS-002", title: "KMS key policies do not allow any principal", severity: .critical, pack: "terraform-aws",
        rationale: "A key policy allowing `*` lets any AWS account use or administer the key, and with it decrypt everything it protects.",
        remediation: "Name the account root or specific roles as principals, or add a condition such as kms:CallerAccount or aws:PrincipalOrgID.",
        controls: controls("soc2:CC6.1", "pci:3.6.1", "hipaa:164.312(a)(1)", "nist:AC-3"), aliases: ["CKV_AWS_33"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_kms_key\" \"x\" {\n  enable_key_rotation = true\n  ↓policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{ Effect = \"Allow\", Principal = { AWS = \"*\" }, Action = \"kms:*\", Resource = \"*\" }]\n  })\n}\n"],
        passing: ["resource \"aws_kms_key\" \"x\" {\n  enable_key_rotation = true\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{ Effect = \"Allow\", Principal = { AWS = \"arn:aws:iam::111122223333:root\" }, Action = \"kms:*\", Resource = \"*\" }]\n  })\n}\n"])

    static let resourceTypes: Set<String> = ["aws_kms_key"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        switch PolicyDocument.read(r, "policy", in: module) {
        case .absent: return []
        case .undecided(let v): return [v]
        case .statements(let statements):
            guard statements.contains(where: { $0.allows && $0.isPublic }) else { return [] }
            return [.violation(path: "policy", message: "\(r.address) has a key policy that allows any principal (\"*\") without a narrowing condition.")]
        }
    }
}
