import BulwarkCore
import BulwarkTerraform

/// Without network policy enforcement every pod can reach every other pod; NetworkPolicy objects do nothing.
enum GKENetworkPolicy: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-GKE-003", title: "GKE clusters enforce network policies", severity: .medium, pack: "terraform-gcp",
        rationale: "Without network policy enforcement every pod can reach every other pod; NetworkPolicy objects do nothing.",
        remediation: "Enable Dataplane V2 (datapath_provider = \"ADVANCED_DATAPATH\") or network_policy { enabled = true }.",
        controls: controls("cis-gke:5.6.7", "soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_GCP_12"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_container_cluster\" \"x\" {\n  name = \"gke\"\n  network_policy {\n    ↓enabled = false\n  }\n}\n"],
        passing: ["resource \"google_container_cluster\" \"x\" {\n  name              = \"gke\"\n  datapath_provider = \"ADVANCED_DATAPATH\"\n}\n"])

    static let resourceTypes: Set<String> = ["google_container_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if r.attribute("datapath_provider").known?.stringValue == "ADVANCED_DATAPATH" { return [] }
        if let reason = r.unknown["network_policy"] { return [.notEvaluated(path: "network_policy", reason: reason)] }
        guard let p = r.elements("network_policy").first else {
            return [.violation(path: "network_policy", message: "\(r.address) enforces no network policy.")]
        }
        return AttributeCheck.requireBool(r, p + ".enabled", true, whenMissing: false)
    }
}
