import BulwarkCore
import BulwarkTerraform

/// A public database endpoint is one weak credential away from a breach.
enum PostgresPublicAccess: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-PG-001", title: "PostgreSQL flexible servers disable public network access", severity: .high, pack: "terraform-azure",
        rationale: "A public database endpoint is one weak credential away from a breach.",
        remediation: "Set public_network_access_enabled = false and use VNet integration or private endpoints.",
        controls: controls("soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_AZURE_68"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_postgresql_flexible_server\" \"x\" {\n  name = \"db\"\n  ↓public_network_access_enabled = true\n}\n"],
        passing: ["resource \"azurerm_postgresql_flexible_server\" \"x\" {\n  name = \"db\"\n  public_network_access_enabled = false\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_postgresql_flexible_server", "azurerm_postgresql_server"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "public_network_access_enabled", false, whenMissing: true)
    }
}
