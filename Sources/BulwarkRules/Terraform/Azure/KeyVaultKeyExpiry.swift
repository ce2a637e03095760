import BulwarkCore
import BulwarkTerraform

/// Keys without expiry are never forced through rotation and outlive the systems and people that used them.
enum KeyVaultKeyExpiry: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-KV-003", title: "Key vault keys have an expiration date", severity: .low, pack: "terraform-azure",
        rationale: "Keys without expiry are never forced through rotation and outlive the systems and people that used them.",
        remediation: "Set expiration_date (and a rotation_policy).",
        controls: controls("cis-azure:8.1", "soc2:CC6.1", "pci:3.7.4", "nist:SC-12"), aliases: ["CKV_AZURE_40"])

    static let examples = RuleExamples(
        triggering: ["↓resource \"azurerm_key_vault_key\" \"x\" {\n  name     = \"data\"\n  key_type = \"RSA\"\n}\n"],
        passing: ["resource \"azurerm_key_vault_key\" \"x\" {\n  name            = \"data\"\n  key_type        = \"RSA\"\n  expiration_date = \"2027-12-31T00:00:00Z\"\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_key_vault_key"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requirePresent(r, "expiration_date", meaning: "the key never expires")
    }
}
