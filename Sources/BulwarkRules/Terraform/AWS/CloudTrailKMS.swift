import BulwarkCore
import BulwarkTerraform

/// A customer key makes reading the audit trail a separately granted, logged permission instead of anyone with read access to the bucket.
enum CloudTrailKMS: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-CT-003", title: "CloudTrail logs are encrypted with a KMS key", severity: .low, pack: "terraform-aws",
        rationale: "A customer key makes reading the audit trail a separately granted, logged permission instead of anyone with read access to the bucket.",
        remediation: "Set kms_key_id to a KMS key whose policy allows CloudTrail to encrypt.",
        controls: controls("cis-aws:3.7", "soc2:CC6.1", "pci:10.3.2", "nist:AU-9"), aliases: ["CKV_AWS_35"])

    static let examples = RuleExamples(
        triggering: ["↓resource \"aws_cloudtrail\" \"x\" {\n  name           = \"org\"\n  s3_bucket_name = \"trail-logs\"\n}\n"],
        passing: ["resource \"aws_cloudtrail\" \"x\" {\n  name           = \"org\"\n  s3_bucket_name = \"trail-logs\"\n  kms_key_id     = \"arn:aws:kms:eu-west-1:111122223333:key/abcd\"\n}\n"])

    static let resourceTypes: Set<String> = ["aws_cloudtrail"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requirePresent(r, "kms_key_id", meaning: "the trail is readable by anyone who can read its bucket")
    }
}
