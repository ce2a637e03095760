import BulwarkCore
import BulwarkTerraform

/// A public SQL endpoint is reachable from the internet, limited only by firewall rules that drift.
enum SQLServerPublicAccess: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-SQL-001", title: "SQL servers disable public network access", severity: .high, pack: "terraform-azure",
        rationale: "A public SQL endpoint is reachable from the internet, limited only by firewall rules that drift.",
        remediation: "Set public_network_access_enabled = false and connect through private endpoints.",
        controls: controls("soc2:CC6.6", "pci:1.4.4", "hipaa:164.312(e)(1)", "nist:SC-7"), aliases: ["CKV_AZURE_113"])

    static let examples = RuleExamples(
        triggering: ["↓resource \"azurerm_mssql_server\" \"x\" {\n  name    = \"db\"\n  version = \"12.0\"\n}\n"],
        passing: ["resource \"azurerm_mssql_server\" \"x\" {\n  name                          = \"db\"\n  version                       = \"12.0\"\n  public_network_access_enabled = false\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_mssql_server"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "public_network_access_enabled", false, whenMissing: true)
    }
}
