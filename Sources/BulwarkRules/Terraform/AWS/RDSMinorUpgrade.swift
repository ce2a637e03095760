import BulwarkCore
import BulwarkTerraform

/// Minor versions carry security fixes; without automatic upgrades databases fall behind on patches.
enum RDSMinorUpgrade: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-RDS-006", title: "RDS instances apply minor version upgrades automatically", severity: .low, pack: "terraform-aws",
        rationale: "Minor versions carry security fixes; without automatic upgrades databases fall behind on patches.",
        remediation: "Leave auto_minor_version_upgrade at true (the default).",
        controls: controls("soc2:CC7.1", "pci:6.3.3", "nist:SI-2"), aliases: ["CKV_AWS_226"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_db_instance\" \"x\" {\n  engine = \"postgres\"\n  ↓auto_minor_version_upgrade = false\n}\n"],
        passing: ["resource \"aws_db_instance\" \"x\" {\n  engine = \"postgres\"\n  auto_minor_version_upgrade = true\n}\n"])

    static let resourceTypes: Set<String> = ["aws_db_instance", "aws_rds_cluster_instance"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "auto_minor_version_upgrade", true, whenMissing: true)
    }
}
