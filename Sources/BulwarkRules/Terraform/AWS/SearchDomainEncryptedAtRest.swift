import BulwarkCore
import BulwarkTerraform

/// Search indexes hold copies of application data, often including personal data, and their snapshots leave the cluster.
enum SearchDomainEncryptedAtRest: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-ES-001", title: "OpenSearch/Elasticsearch domains encrypt data at rest", severity: .medium, pack: "terraform-aws",
        rationale: "Search indexes hold copies of application data, often including personal data, and their snapshots leave the cluster.",
        remediation: "Add encrypt_at_rest { enabled = true } (set at creation; changing it later replaces the domain).",
        controls: controls("soc2:CC6.1", "pci:3.5.1", "hipaa:164.312(a)(2)(iv)", "nist:SC-28"), aliases: ["CKV_AWS_5"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_opensearch_domain\" \"x\" {\n  domain_name = \"search\"\n  encrypt_at_rest {\n    ↓enabled = false\n  }\n}\n"],
        passing: ["resource \"aws_opensearch_domain\" \"x\" {\n  domain_name = \"search\"\n  encrypt_at_rest {\n    enabled = true\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_elasticsearch_domain", "aws_opensearch_domain"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if let reason = r.unknown["encrypt_at_rest"] { return [.notEvaluated(path: "encrypt_at_rest", reason: reason)] }
        guard let block = r.elements("encrypt_at_rest").first else {
            return [.violation(path: "encrypt_at_rest", message: "\(r.address) has no encrypt_at_rest block, so data at rest is not encrypted.")]
        }
        return AttributeCheck.requireBool(r, block + ".enabled", true, whenMissing: false)
    }
}
