import BulwarkCore
import BulwarkTerraform

/// A public Cosmos DB endpoint is reachable by anyone holding (or guessing at) an account key.
enum CosmosPublicAccess: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-COS-001", title: "Cosmos DB accounts disable public network access", severity: .high, pack: "terraform-azure",
        rationale: "A public Cosmos DB endpoint is reachable by anyone holding (or guessing at) an account key.",
        remediation: "Set public_network_access_enabled = false and use private endpoints.",
        controls: controls("soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_AZURE_101"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_cosmosdb_account\" \"x\" {\n  name = \"docs\"\n  ↓public_network_access_enabled = true\n}\n"],
        passing: ["resource \"azurerm_cosmosdb_account\" \"x\" {\n  name = \"docs\"\n  public_network_access_enabled = false\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_cosmosdb_account"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "public_network_access_enabled", false, whenMissing: true)
    }
}
