import BulwarkCore
import BulwarkTerraform

/// Nodes with public IPs are directly reachable from the internet; private nodes reach out through Cloud NAT only.
enum GKEPrivateNodes: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-GKE-001", title: "GKE clusters use private nodes", severity: .medium, pack: "terraform-gcp",
        rationale: "Nodes with public IPs are directly reachable from the internet; private nodes reach out through Cloud NAT only.",
        remediation: "Add private_cluster_config { enable_private_nodes = true }.",
        controls: controls("cis-gke:5.6.5", "soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_GCP_64"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_container_cluster\" \"x\" {\n  name     = \"gke\"\n  location = \"europe-west1\"\n  private_cluster_config {\n    ↓enable_private_nodes = false\n  }\n}\n"],
        passing: ["resource \"google_container_cluster\" \"x\" {\n  name     = \"gke\"\n  location = \"europe-west1\"\n  private_cluster_config {\n    enable_private_nodes    = true\n    master_ipv4_cidr_block  = \"172.16.0.0/28\"\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["google_container_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if let reason = r.unknown["private_cluster_config"] { return [.notEvaluated(path: "private_cluster_config", reason: reason)] }
        guard let p = r.elements("private_cluster_config").first else {
            return [.violation(path: "private_cluster_config", message: "\(r.address) has no private_cluster_config, so nodes get public IPs.")]
        }
        return AttributeCheck.requireBool(r, p + ".enable_private_nodes", true, whenMissing: false)
    }
}
