import BulwarkCore
import BulwarkTerraform

/// A public, unrestricted API server lets anyone on the internet attempt authentication and probe Kubernetes vulnerabilities.
enum AKSPrivateAPI: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-AKS-003", title: "AKS API servers are private or IP-restricted", severity: .high, pack: "terraform-azure",
        rationale: "A public, unrestricted API server lets anyone on the internet attempt authentication and probe Kubernetes vulnerabilities.",
        remediation: "Set private_cluster_enabled = true, or api_server_access_profile { authorized_ip_ranges = [...] }.",
        controls: controls("cis-aks:5.4.1", "soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_AZURE_6"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_kubernetes_cluster\" \"x\" {\n  name                    = \"aks\"\n  ↓private_cluster_enabled = false\n}\n"],
        passing: ["resource \"azurerm_kubernetes_cluster\" \"x\" {\n  name = \"aks\"\n  api_server_access_profile {\n    authorized_ip_ranges = [\"203.0.113.0/24\"]\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_kubernetes_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if case .known(let p) = r.attribute("private_cluster_enabled"), AttributeCheck.bool(p) == true { return [] }
        for path in ["api_server_authorized_ip_ranges", "api_server_access_profile.0.authorized_ip_ranges"] {
            switch r.attribute(path) {
            case .unknown(let reason): return [.notEvaluated(path: path, reason: reason)]
            case .known(let v): if !(v.arrayValue?.isEmpty ?? true) { return [] }
            }
        }
        return AttributeCheck.requireBool(r, "private_cluster_enabled", true, whenMissing: false)
    }
}
