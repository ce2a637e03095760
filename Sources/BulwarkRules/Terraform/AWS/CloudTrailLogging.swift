import BulwarkCore
import BulwarkTerraform

/// A trail with logging switched off records nothing; turning it off is a classic step in covering tracks.
enum CloudTrailLogging: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-CT-004", title: "CloudTrail trails are logging", severity: .high, pack: "terraform-aws",
        rationale: "A trail with logging switched off records nothing; turning it off is a classic step in covering tracks.",
        remediation: "Remove enable_logging = false (logging is on by default).",
        controls: controls("cis-aws:3.1", "soc2:CC7.2", "pci:10.2.1", "sox:ITGC-LOG", "nist:AU-12"), aliases: ["CKV_AWS_251"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_cloudtrail\" \"x\" {\n  name           = \"org\"\n  s3_bucket_name = \"trail-logs\"\n  ↓enable_logging = false\n}\n"],
        passing: ["resource \"aws_cloudtrail\" \"x\" {\n  name           = \"org\"\n  s3_bucket_name = \"trail-logs\"\n}\n"])

    static let resourceTypes: Set<String> = ["aws_cloudtrail"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "enable_logging", true, whenMissing: true)
    }
}
