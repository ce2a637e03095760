import BulwarkCore
import BulwarkTerraform

/// With GCE_METADATA (or legacy endpoints), every pod can read the node service account's token and the kube-env bootstrap credentials.
enum GKEWorkloadMetadata: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-GKE-008", title: "GKE node pools hide the node's metadata server from pods", severity: .high, pack: "terraform-gcp",
        rationale: "With GCE_METADATA (or legacy endpoints), every pod can read the node service account's token and the kube-env bootstrap credentials.",
        remediation: "Set node_config { workload_metadata_config { mode = \"GKE_METADATA\" } } and use Workload Identity.",
        controls: controls("cis-gke:5.4.2", "soc2:CC6.1", "nist:AC-6"), aliases: ["CKV_GCP_69"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_container_node_pool\" \"x\" {\n  name    = \"pool\"\n  cluster = \"gke\"\n  node_config {\n    workload_metadata_config {\n      ↓mode = \"GCE_METADATA\"\n    }\n  }\n}\n"],
        passing: ["resource \"google_container_node_pool\" \"x\" {\n  name    = \"pool\"\n  cluster = \"gke\"\n  node_config {\n    workload_metadata_config {\n      mode = \"GKE_METADATA\"\n    }\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["google_container_node_pool", "google_container_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        return AttributeCheck.eachBlock(r, "node_config") { n in
            AttributeCheck.require(r, n + ".workload_metadata_config.0.mode") { v in
                v.stringValue == "GKE_METADATA" ? nil : v.isNull ? "does not set workload_metadata_config mode GKE_METADATA, so pods can reach node credentials" : "sets workload metadata mode \(v.interpolationText)"
            }
        }
    }
}
