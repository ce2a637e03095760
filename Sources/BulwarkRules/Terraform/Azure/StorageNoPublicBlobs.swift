import BulwarkCore
import BulwarkTerraform

/// With nested items allowed to be public, one container set to public access publishes its blobs to the internet.
enum StorageNoPublicBlobs: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-ST-003", title: "Storage accounts do not allow public blob access", severity: .high, pack: "terraform-azure",
        rationale: "With nested items allowed to be public, one container set to public access publishes its blobs to the internet.",
        remediation: "Set allow_nested_items_to_be_public = false.",
        controls: controls("cis-azure:3.7", "soc2:CC6.1", "pci:7.2.1", "hipaa:164.312(a)(1)", "nist:AC-3"), aliases: ["CKV_AZURE_190"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_storage_account\" \"x\" {\n  name                            = \"data\"\n  ↓allow_nested_items_to_be_public = true\n}\n"],
        passing: ["resource \"azurerm_storage_account\" \"x\" {\n  name                            = \"data\"\n  allow_nested_items_to_be_public = false\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_storage_account"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "allow_nested_items_to_be_public", false, whenMissing: true)
    }
}
