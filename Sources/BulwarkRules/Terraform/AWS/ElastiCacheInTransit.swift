import BulwarkCore
import BulwarkTerraform

/// Cache traffic carries session tokens and personal data; without TLS anyone on the network path can read it.
enum ElastiCacheInTransit: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-EC-002", title: "ElastiCache replication groups encrypt data in transit", severity: .medium, pack: "terraform-aws",
        rationale: "Cache traffic carries session tokens and personal data; without TLS anyone on the network path can read it.",
        remediation: "Set transit_encryption_enabled = true (and an auth token).",
        controls: controls("soc2:CC6.7", "pci:4.2.1", "hipaa:164.312(e)(1)", "nist:SC-8"), aliases: ["CKV_AWS_30"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_elasticache_replication_group\" \"x\" {\n  replication_group_id = \"cache\"\n  ↓transit_encryption_enabled = false\n}\n"],
        passing: ["resource \"aws_elasticache_replication_group\" \"x\" {\n  replication_group_id = \"cache\"\n  transit_encryption_enabled = true\n}\n"])

    static let resourceTypes: Set<String> = ["aws_elasticache_replication_group"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "transit_encryption_enabled", true, whenMissing: false)
    }
}
