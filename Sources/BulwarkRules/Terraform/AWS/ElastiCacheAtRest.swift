import BulwarkCore
import BulwarkTerraform

/// Cached sessions and tokens persist to disk and backups; without at-rest encryption they are readable there.
enum ElastiCacheAtRest: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-EC-001", title: "ElastiCache replication groups encrypt data at rest", severity: .medium, pack: "terraform-aws",
        rationale: "Cached sessions and tokens persist to disk and backups; without at-rest encryption they are readable there.",
        remediation: "Set at_rest_encryption_enabled = true.",
        controls: controls("soc2:CC6.1", "pci:3.5.1", "hipaa:164.312(a)(2)(iv)", "nist:SC-28"), aliases: ["CKV_AWS_29"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_elasticache_replication_group\" \"x\" {\n  replication_group_id = \"cache\"\n  ↓at_rest_encryption_enabled = false\n}\n"],
        passing: ["resource \"aws_elasticache_replication_group\" \"x\" {\n  replication_group_id = \"cache\"\n  at_rest_encryption_enabled = true\n}\n"])

    static let resourceTypes: Set<String> = ["aws_elasticache_replication_group"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "at_rest_encryption_enabled", true, whenMissing: false)
    }
}
