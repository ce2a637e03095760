import BulwarkCore
import BulwarkTerraform

/// Plain HTTP to the domain endpoint exposes queries, documents and credentials to anyone on the network path.
enum SearchDomainHTTPS: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-ES-003", title: "OpenSearch/Elasticsearch domains accept HTTPS only", severity: .medium, pack: "terraform-aws",
        rationale: "Plain HTTP to the domain endpoint exposes queries, documents and credentials to anyone on the network path.",
        remediation: "Set domain_endpoint_options { enforce_https = true, tls_security_policy = \"Policy-Min-TLS-1-2-2019-07\" }.",
        controls: controls("soc2:CC6.7", "pci:4.2.1", "hipaa:164.312(e)(1)", "nist:SC-8"), aliases: ["CKV_AWS_83"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_opensearch_domain\" \"x\" {\n  domain_name = \"search\"\n  domain_endpoint_options {\n    ↓enforce_https = false\n  }\n}\n"],
        passing: ["resource \"aws_opensearch_domain\" \"x\" {\n  domain_name = \"search\"\n  domain_endpoint_options {\n    enforce_https = true\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_elasticsearch_domain", "aws_opensearch_domain"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        return AttributeCheck.eachBlock(r, "domain_endpoint_options") { AttributeCheck.requireBool(r, $0 + ".enforce_https", true, whenMissing: true) }
    }
}
