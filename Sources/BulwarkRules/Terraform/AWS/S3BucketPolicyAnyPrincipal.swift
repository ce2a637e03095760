import BulwarkCore
import BulwarkTerraform

/// A bucket policy statement allowing `*` makes objects readable (or writable) by the
/// whole internet — the classic data-leak headline.
enum S3BucketPolicyAnyPrincipal: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-S3-003", title: "S3 bucket policies do not allow any principal", severity: .critical, pack: "terraform-aws",
        rationale: "`Principal: \"*\"` with Allow grants the action to anonymous users on the internet unless a condition restricts callers.",
        remediation: "Name the accounts or roles that need access, or add a condition such as aws:PrincipalOrgID or aws:SourceVpce; serve public content through CloudFront with origin access control.",
        controls: controls("cis-aws:2.1.4", "soc2:CC6.1", "pci:7.2.1", "hipaa:164.312(a)(1)", "nist:AC-3"), aliases: ["CKV_AWS_70"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_s3_bucket_policy\" \"x\" {\n  bucket = \"invoices\"\n  ↓policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{ Effect = \"Allow\", Principal = \"*\", Action = \"s3:GetObject\", Resource = \"arn:aws:s3:::invoices/*\" }]\n  })\n}\n"],
        passing: ["resource \"aws_s3_bucket_policy\" \"x\" {\n  bucket = \"invoices\"\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Allow\", Principal = \"*\", Action = \"s3:GetObject\", Resource = \"arn:aws:s3:::invoices/*\"\n      Condition = { StringEquals = { \"aws:SourceVpce\" = \"vpce-1a2b3c\" } }\n    }]\n  })\n}\n"])

    static let resourceTypes: Set<String> = ["aws_s3_bucket", "aws_s3_bucket_policy"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        switch PolicyDocument.read(r, "policy", in: module) {
        case .absent: return []
        case .undecided(let v): return [v]
        case .statements(let statements):
            guard let open = statements.first(where: { $0.allows && $0.isPublic }) else { return [] }
            return [.violation(path: "policy", message: "\(r.address) has a bucket policy that allows \(open.actions.joined(separator: ", ")) to any principal (\"*\").")]
        }
    }
}
