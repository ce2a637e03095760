import BulwarkCore
import BulwarkTerraform

/// The admin account is a shared, long-lived username and password with push rights to every repository.
enum ContainerRegistryAdmin: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-ACR-001", title: "Container registries disable the admin account", severity: .medium, pack: "terraform-azure",
        rationale: "The admin account is a shared, long-lived username and password with push rights to every repository.",
        remediation: "Set admin_enabled = false and use Entra ID identities or scoped tokens.",
        controls: controls("soc2:CC6.2", "nist:IA-2"), aliases: ["CKV_AZURE_137"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_container_registry\" \"x\" {\n  name = \"acr\"\n  ↓admin_enabled = true\n}\n"],
        passing: ["resource \"azurerm_container_registry\" \"x\" {\n  name = \"acr\"\n  admin_enabled = false\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_container_registry"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "admin_enabled", false, whenMissing: false)
    }
}
