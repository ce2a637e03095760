import BulwarkCore
import BulwarkTerraform

/// Plain HTTP to blob, file and queue endpoints exposes data and SAS tokens on the wire.
enum StorageHTTPSOnly: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-ST-002", title: "Storage accounts accept HTTPS traffic only", severity: .high, pack: "terraform-azure",
        rationale: "Plain HTTP to blob, file and queue endpoints exposes data and SAS tokens on the wire.",
        remediation: "Remove https_traffic_only_enabled = false (enable_https_traffic_only on provider 3.x); it defaults to true.",
        controls: controls("cis-azure:3.1", "soc2:CC6.7", "pci:4.2.1", "hipaa:164.312(e)(1)", "nist:SC-8"), aliases: ["CKV_AZURE_3"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_storage_account\" \"x\" {\n  name                       = \"data\"\n  ↓https_traffic_only_enabled = false\n}\n"],
        passing: ["resource \"azurerm_storage_account\" \"x\" {\n  name = \"data\"\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_storage_account"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "https_traffic_only_enabled", true, whenMissing: true) + AttributeCheck.requireBool(r, "enable_https_traffic_only", true, whenMissing: true)
    }
}
