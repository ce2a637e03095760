import BulwarkCore
import BulwarkTerraform

/// Replication instances read whole databases; a public one is an internet-facing copy channel.
enum DMSNotPublic: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-DMS-001", title: "DMS replication instances are not public", severity: .high, pack: "terraform-aws",
        rationale: "Replication instances read whole databases; a public one is an internet-facing copy channel.",
        remediation: "Set publicly_accessible = false.",
        controls: controls("soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_AWS_89"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_dms_replication_instance\" \"x\" {\n  replication_instance_id = \"dms\"\n  ↓publicly_accessible     = true\n}\n"],
        passing: ["resource \"aws_dms_replication_instance\" \"x\" {\n  replication_instance_id = \"dms\"\n  publicly_accessible     = false\n}\n"])

    static let resourceTypes: Set<String> = ["aws_dms_replication_instance"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "publicly_accessible", false, whenMissing: false)
    }
}
