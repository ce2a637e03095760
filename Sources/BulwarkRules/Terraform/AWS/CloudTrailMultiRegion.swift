import BulwarkCore
import BulwarkTerraform

/// A single-region trail misses API activity in every other region, which is exactly where attackers spin up resources.
enum CloudTrailMultiRegion: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-CT-001", title: "CloudTrail trails cover all regions", severity: .medium, pack: "terraform-aws",
        rationale: "A single-region trail misses API activity in every other region, which is exactly where attackers spin up resources.",
        remediation: "Set is_multi_region_trail = true.",
        controls: controls("cis-aws:3.1", "soc2:CC7.2", "pci:10.2.1", "nist:AU-2"), aliases: ["CKV_AWS_67"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_cloudtrail\" \"x\" {\n  name                  = \"org\"\n  s3_bucket_name        = \"trail-logs\"\n  ↓is_multi_region_trail = false\n}\n"],
        passing: ["resource \"aws_cloudtrail\" \"x\" {\n  name                  = \"org\"\n  s3_bucket_name        = \"trail-logs\"\n  is_multi_region_trail = true\n}\n"])

    static let resourceTypes: Set<String> = ["aws_cloudtrail"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "is_multi_region_trail", true, whenMissing: false)
    }
}
