import BulwarkCore
import BulwarkTerraform

/// The local cluster-admin kubeconfig bypasses Entra ID, cannot be revoked per person and leaves no identity in audit logs.
enum AKSLocalAccounts: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-AKS-004", title: "AKS clusters disable local accounts", severity: .medium, pack: "terraform-azure",
        rationale: "The local cluster-admin kubeconfig bypasses Entra ID, cannot be revoked per person and leaves no identity in audit logs.",
        remediation: "Set local_account_disabled = true and use Entra ID integration.",
        controls: controls("cis-aks:3.1", "soc2:CC6.2", "nist:IA-2"), aliases: ["CKV_AZURE_141"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_kubernetes_cluster\" \"x\" {\n  name = \"aks\"\n  ↓local_account_disabled = false\n}\n"],
        passing: ["resource \"azurerm_kubernetes_cluster\" \"x\" {\n  name = \"aks\"\n  local_account_disabled = true\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_kubernetes_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "local_account_disabled", true, whenMissing: false)
    }
}
