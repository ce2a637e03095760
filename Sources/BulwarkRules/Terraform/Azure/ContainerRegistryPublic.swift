import BulwarkCore
import BulwarkTerraform

/// A public registry endpoint exposes image pulls and pushes to the internet behind credentials alone.
enum ContainerRegistryPublic: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-ACR-002", title: "Container registries disable public network access", severity: .medium, pack: "terraform-azure",
        rationale: "A public registry endpoint exposes image pulls and pushes to the internet behind credentials alone.",
        remediation: "Set public_network_access_enabled = false and use private endpoints.",
        controls: controls("soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_AZURE_139"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_container_registry\" \"x\" {\n  name = \"acr\"\n  ↓public_network_access_enabled = true\n}\n"],
        passing: ["resource \"azurerm_container_registry\" \"x\" {\n  name = \"acr\"\n  public_network_access_enabled = false\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_container_registry"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "public_network_access_enabled", false, whenMissing: true)
    }
}
