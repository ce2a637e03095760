import BulwarkCore
import BulwarkTerraform

/// Unencrypted database storage and its snapshots expose every record to anyone who gets a snapshot shared or copied.
enum RDSStorageEncrypted: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-RDS-004", title: "RDS storage is encrypted", severity: .high, pack: "terraform-aws",
        rationale: "Unencrypted database storage and its snapshots expose every record to anyone who gets a snapshot shared or copied.",
        remediation: "Set storage_encrypted = true (it cannot be changed later without a snapshot restore, so do it at creation).",
        controls: controls("soc2:CC6.1", "pci:3.5.1", "hipaa:164.312(a)(2)(iv)", "nist:SC-28"), aliases: ["CKV_AWS_16", "CKV_AWS_96"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_db_instance\" \"x\" {\n  engine            = \"postgres\"\n  ↓storage_encrypted = false\n}\n"],
        passing: ["resource \"aws_db_instance\" \"x\" {\n  engine            = \"postgres\"\n  storage_encrypted = true\n}\n"])

    static let resourceTypes: Set<String> = ["aws_db_instance", "aws_rds_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "storage_encrypted", true, whenMissing: false)
    }
}
