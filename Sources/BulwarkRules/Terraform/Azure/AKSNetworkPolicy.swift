import BulwarkCore
import BulwarkTerraform

/// Without a network policy engine every pod can reach every other pod; NetworkPolicy objects are silently ignored.
enum AKSNetworkPolicy: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-AKS-002", title: "AKS clusters enforce network policies", severity: .medium, pack: "terraform-azure",
        rationale: "Without a network policy engine every pod can reach every other pod; NetworkPolicy objects are silently ignored.",
        remediation: "Set network_profile { network_plugin = \"azure\", network_policy = \"azure\" } (or calico / cilium).",
        controls: controls("cis-aks:5.4.4", "soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_AZURE_7"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_kubernetes_cluster\" \"x\" {\n  name = \"aks\"\n  ↓network_profile {\n    network_plugin = \"azure\"\n  }\n}\n"],
        passing: ["resource \"azurerm_kubernetes_cluster\" \"x\" {\n  name = \"aks\"\n  network_profile {\n    network_plugin = \"azure\"\n    network_policy = \"azure\"\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_kubernetes_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if let reason = r.unknown["network_profile"] { return [.notEvaluated(path: "network_profile", reason: reason)] }
        guard let profile = r.elements("network_profile").first else {
            return [.violation(path: "network_profile", message: "\(r.address) has no network_profile, so no network policy engine runs.")]
        }
        return AttributeCheck.requirePresent(r, profile + ".network_policy", meaning: "NetworkPolicy objects are not enforced")
    }
}
