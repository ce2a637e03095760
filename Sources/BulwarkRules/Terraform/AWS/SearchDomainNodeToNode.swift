import BulwarkCore
import BulwarkTerraform

/// Without node-to-node encryption, shard replication and queries cross the VPC in clear text between data nodes.
enum SearchDomainNodeToNode: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-ES-002", title: "OpenSearch/Elasticsearch domains encrypt traffic between nodes", severity: .medium, pack: "terraform-aws",
        rationale: "Without node-to-node encryption, shard replication and queries cross the VPC in clear text between data nodes.",
        remediation: "Add node_to_node_encryption { enabled = true }.",
        controls: controls("soc2:CC6.7", "pci:4.2.1", "hipaa:164.312(e)(1)", "nist:SC-8"), aliases: ["CKV_AWS_6"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_opensearch_domain\" \"x\" {\n  domain_name = \"search\"\n  cluster_config {\n    instance_count = 3\n  }\n  node_to_node_encryption {\n    ↓enabled = false\n  }\n}\n"],
        passing: ["resource \"aws_opensearch_domain\" \"x\" {\n  domain_name = \"search\"\n  cluster_config {\n    instance_count = 3\n  }\n  node_to_node_encryption {\n    enabled = true\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_elasticsearch_domain", "aws_opensearch_domain"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        // A single-node domain has no traffic between nodes to protect.
        if case .known(let n) = r.attribute("cluster_config.0.instance_count"), let count = n.numberValue, count <= 1 { return [] }
        if r.elements("cluster_config").isEmpty || r.attribute("cluster_config.0.instance_count").known?.isNull == true { return [] }
        if let reason = r.unknown["node_to_node_encryption"] { return [.notEvaluated(path: "node_to_node_encryption", reason: reason)] }
        guard let block = r.elements("node_to_node_encryption").first else {
            return [.violation(path: "node_to_node_encryption", message: "\(r.address) has several nodes and no node_to_node_encryption block.")]
        }
        return AttributeCheck.requireBool(r, block + ".enabled", true, whenMissing: false)
    }
}
