import BulwarkCore
import BulwarkTerraform

/// Legacy ABAC grants broad static permissions that bypass Kubernetes RBAC.
enum GKELegacyABAC: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-GKE-002", title: "GKE clusters disable legacy ABAC", severity: .high, pack: "terraform-gcp",
        rationale: "Legacy ABAC grants broad static permissions that bypass Kubernetes RBAC.",
        remediation: "Remove enable_legacy_abac = true (it defaults to false).",
        controls: controls("cis-gke:5.8.4", "soc2:CC6.3", "nist:AC-3"), aliases: ["CKV_GCP_7"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_container_cluster\" \"x\" {\n  name               = \"gke\"\n  ↓enable_legacy_abac = true\n}\n"],
        passing: ["resource \"google_container_cluster\" \"x\" {\n  name = \"gke\"\n}\n"])

    static let resourceTypes: Set<String> = ["google_container_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "enable_legacy_abac", false, whenMissing: false)
    }
}
