import BulwarkCore
import BulwarkTerraform

/// Graph databases hold relationships between people and systems; unencrypted storage and snapshots expose all of it.
enum NeptuneStorageEncrypted: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-NEP-001", title: "Neptune clusters encrypt storage", severity: .medium, pack: "terraform-aws",
        rationale: "Graph databases hold relationships between people and systems; unencrypted storage and snapshots expose all of it.",
        remediation: "Set storage_encrypted = true at creation.",
        controls: controls("soc2:CC6.1", "pci:3.5.1", "hipaa:164.312(a)(2)(iv)", "nist:SC-28"), aliases: ["CKV_AWS_44"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_neptune_cluster\" \"x\" {\n  cluster_identifier = \"graph\"\n  ↓storage_encrypted  = false\n}\n"],
        passing: ["resource \"aws_neptune_cluster\" \"x\" {\n  cluster_identifier = \"graph\"\n  storage_encrypted  = true\n}\n"])

    static let resourceTypes: Set<String> = ["aws_neptune_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "storage_encrypted", true, whenMissing: false)
    }
}
