import BulwarkCore
import BulwarkTerraform

/// Without master authorized networks the Kubernetes API is reachable from any address on the internet.
enum GKEMasterAuthorizedNetworks: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-GKE-004", title: "GKE control planes restrict which networks reach them", severity: .medium, pack: "terraform-gcp",
        rationale: "Without master authorized networks the Kubernetes API is reachable from any address on the internet.",
        remediation: "Add master_authorized_networks_config with the CIDRs that administer the cluster.",
        controls: controls("cis-gke:5.6.3", "soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_GCP_20"])

    static let examples = RuleExamples(
        triggering: ["↓resource \"google_container_cluster\" \"x\" {\n  name = \"gke\"\n}\n"],
        passing: ["resource \"google_container_cluster\" \"x\" {\n  name = \"gke\"\n  master_authorized_networks_config {\n    cidr_blocks {\n      cidr_block = \"10.0.0.0/8\"\n    }\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["google_container_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if let reason = r.unknown["master_authorized_networks_config"] { return [.notEvaluated(path: "master_authorized_networks_config", reason: reason)] }
        return r.elements("master_authorized_networks_config").isEmpty
            ? [.violation(path: "master_authorized_networks_config", message: "\(r.address) lets any network reach its control plane.")] : []
    }
}
