import BulwarkCore
import BulwarkTerraform

/// Without it, pod-to-pod traffic on the same node never reaches VPC flow logs or firewall rules.
enum GKEIntranodeVisibility: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-GKE-006", title: "GKE clusters enable intranode visibility", severity: .low, pack: "terraform-gcp",
        rationale: "Without it, pod-to-pod traffic on the same node never reaches VPC flow logs or firewall rules.",
        remediation: "Set enable_intranode_visibility = true.",
        controls: controls("soc2:CC7.2", "pci:10.2.1", "hipaa:164.312(b)", "nist:AU-2"), aliases: ["CKV_GCP_61"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_container_cluster\" \"x\" {\n  name = \"gke\"\n  ↓enable_intranode_visibility = false\n}\n"],
        passing: ["resource \"google_container_cluster\" \"x\" {\n  name = \"gke\"\n  enable_intranode_visibility = true\n}\n"])

    static let resourceTypes: Set<String> = ["google_container_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "enable_intranode_visibility", true, whenMissing: false)
    }
}
