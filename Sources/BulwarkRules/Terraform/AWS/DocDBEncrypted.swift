import BulwarkCore
import BulwarkTerraform

/// Document databases hold application records; unencrypted storage and snapshots expose them.
enum DocDBEncrypted: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-DOCDB-001", title: "DocumentDB clusters encrypt storage", severity: .medium, pack: "terraform-aws",
        rationale: "Document databases hold application records; unencrypted storage and snapshots expose them.",
        remediation: "Set storage_encrypted = true at creation.",
        controls: controls("soc2:CC6.1", "pci:3.5.1", "hipaa:164.312(a)(2)(iv)", "nist:SC-28"), aliases: ["CKV_AWS_74"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_docdb_cluster\" \"x\" {\n  cluster_identifier = \"docs\"\n  ↓storage_encrypted  = false\n}\n"],
        passing: ["resource \"aws_docdb_cluster\" \"x\" {\n  cluster_identifier = \"docs\"\n  storage_encrypted  = true\n}\n"])

    static let resourceTypes: Set<String> = ["aws_docdb_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "storage_encrypted", true, whenMissing: false)
    }
}
