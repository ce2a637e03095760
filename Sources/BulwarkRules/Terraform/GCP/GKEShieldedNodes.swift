import BulwarkCore
import BulwarkTerraform

/// Shielded nodes verify boot integrity and node identity, so a compromised node cannot impersonate another.
enum GKEShieldedNodes: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-GKE-005", title: "GKE clusters use shielded nodes", severity: .medium, pack: "terraform-gcp",
        rationale: "Shielded nodes verify boot integrity and node identity, so a compromised node cannot impersonate another.",
        remediation: "Set enable_shielded_nodes = true (the default on current GKE).",
        controls: controls("cis-gke:5.5.5", "soc2:CC6.8", "nist:SI-7"), aliases: ["CKV_GCP_71"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_container_cluster\" \"x\" {\n  name = \"gke\"\n  ↓enable_shielded_nodes = false\n}\n"],
        passing: ["resource \"google_container_cluster\" \"x\" {\n  name = \"gke\"\n  enable_shielded_nodes = true\n}\n"])

    static let resourceTypes: Set<String> = ["google_container_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "enable_shielded_nodes", true, whenMissing: true)
    }
}
