import BulwarkCore
import BulwarkTerraform

/// public-read and public-read-write ACLs publish (or open for writing) every object to the internet; authenticated-read to every AWS account.
enum S3BucketPublicACL: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-S3-004", title: "S3 buckets do not use public canned ACLs", severity: .critical, pack: "terraform-aws",
        rationale: "public-read and public-read-write ACLs publish (or open for writing) every object to the internet; authenticated-read to every AWS account.",
        remediation: "Use acl = \"private\" (or no ACL with BucketOwnerEnforced ownership) and grant access through policies.",
        controls: controls("cis-aws:2.1.4", "soc2:CC6.1", "pci:7.2.1", "nist:AC-3"), aliases: ["CKV_AWS_20", "CKV_AWS_57"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_s3_bucket_acl\" \"x\" {\n  bucket = \"site\"\n  ↓acl    = \"public-read\"\n}\n"],
        passing: ["resource \"aws_s3_bucket_acl\" \"x\" {\n  bucket = \"site\"\n  acl    = \"private\"\n}\n"])

    static let resourceTypes: Set<String> = ["aws_s3_bucket", "aws_s3_bucket_acl"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.require(r, "acl") { v in
            ["public-read", "public-read-write", "authenticated-read"].contains(v.stringValue ?? "") ? "uses the \(v.interpolationText) canned ACL" : nil
        }
    }
}
