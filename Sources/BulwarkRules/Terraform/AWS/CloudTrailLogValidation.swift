import BulwarkCore
import BulwarkTerraform

/// Without digest files nobody can prove the audit log was not edited after the fact, which auditors and forensics both need.
enum CloudTrailLogValidation: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-CT-002", title: "CloudTrail log file validation is enabled", severity: .medium, pack: "terraform-aws",
        rationale: "Without digest files nobody can prove the audit log was not edited after the fact, which auditors and forensics both need.",
        remediation: "Set enable_log_file_validation = true.",
        controls: controls("cis-aws:3.2", "soc2:CC7.2", "pci:10.3.4", "sox:ITGC-LOG", "nist:AU-9"), aliases: ["CKV_AWS_36"])

    static let examples = RuleExamples(
        triggering: ["↓resource \"aws_cloudtrail\" \"x\" {\n  name           = \"org\"\n  s3_bucket_name = \"trail-logs\"\n}\n"],
        passing: ["resource \"aws_cloudtrail\" \"x\" {\n  name                       = \"org\"\n  s3_bucket_name             = \"trail-logs\"\n  enable_log_file_validation = true\n}\n"])

    static let resourceTypes: Set<String> = ["aws_cloudtrail"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "enable_log_file_validation", true, whenMissing: false)
    }
}
