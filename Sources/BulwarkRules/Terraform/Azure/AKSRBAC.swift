import BulwarkCore
import BulwarkTerraform

/// Without RBAC every authenticated identity is effectively cluster-admin.
enum AKSRBAC: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-AKS-001", title: "AKS clusters enable Kubernetes RBAC", severity: .high, pack: "terraform-azure",
        rationale: "Without RBAC every authenticated identity is effectively cluster-admin.",
        remediation: "Leave role_based_access_control_enabled at true (the default) and integrate Entra ID.",
        controls: controls("cis-aks:4.1.1", "soc2:CC6.3", "pci:7.2.1", "nist:AC-3"), aliases: ["CKV_AZURE_5"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_kubernetes_cluster\" \"x\" {\n  name                              = \"aks\"\n  ↓role_based_access_control_enabled = false\n}\n"],
        passing: ["resource \"azurerm_kubernetes_cluster\" \"x\" {\n  name = \"aks\"\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_kubernetes_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "role_based_access_control_enabled", true, whenMissing: true)
    }
}
