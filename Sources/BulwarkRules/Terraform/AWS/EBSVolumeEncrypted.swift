import BulwarkCore
import BulwarkTerraform

/// An unencrypted EBS volume leaks its data through every snapshot shared or copied.
enum EBSVolumeEncrypted: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-EBS-001", title: "EBS volumes are encrypted", severity: .medium, pack: "terraform-aws",
        rationale: "Unencrypted volumes and their snapshots expose data at rest to anyone who obtains a snapshot or the underlying storage.",
        remediation: "Set encrypted = true (and kms_key_id for a customer-managed key), or enable EBS encryption by default for the account.",
        controls: controls("cis-aws:2.2.1", "soc2:CC6.1", "pci:3.5.1", "hipaa:164.312(a)(2)(iv)", "nist:SC-28"), aliases: ["CKV_AWS_3"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_ebs_volume\" \"x\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 20\n  ↓encrypted         = false\n}\n"],
        passing: ["resource \"aws_ebs_volume\" \"x\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 20\n  encrypted         = true\n}\n"])

    static let resourceTypes: Set<String> = ["aws_ebs_volume"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "encrypted", true, whenMissing: false)
    }
}
