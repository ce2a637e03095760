import BulwarkCore
import BulwarkTerraform

/// Warehouses concentrate the organisation's data; unencrypted clusters and snapshots expose all of it.
enum RedshiftEncrypted: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-RS-001", title: "Redshift clusters are encrypted", severity: .high, pack: "terraform-aws",
        rationale: "Warehouses concentrate the organisation's data; unencrypted clusters and snapshots expose all of it.",
        remediation: "Set encrypted = true (with kms_key_id for a customer key).",
        controls: controls("soc2:CC6.1", "pci:3.5.1", "hipaa:164.312(a)(2)(iv)", "nist:SC-28"), aliases: ["CKV_AWS_64"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_redshift_cluster\" \"x\" {\n  cluster_identifier = \"dw\"\n  ↓encrypted          = false\n}\n"],
        passing: ["resource \"aws_redshift_cluster\" \"x\" {\n  cluster_identifier = \"dw\"\n  encrypted          = true\n}\n"])

    static let resourceTypes: Set<String> = ["aws_redshift_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "encrypted", true, whenMissing: false)
    }
}
