import BulwarkCore
import BulwarkTerraform

/// Without purge protection a compromised admin can delete keys and secrets permanently, making encrypted data unrecoverable.
enum KeyVaultPurgeProtection: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-KV-001", title: "Key vaults have purge protection", severity: .medium, pack: "terraform-azure",
        rationale: "Without purge protection a compromised admin can delete keys and secrets permanently, making encrypted data unrecoverable.",
        remediation: "Set purge_protection_enabled = true.",
        controls: controls("cis-azure:8.5", "soc2:A1.2", "nist:CP-9"), aliases: ["CKV_AZURE_42"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_key_vault\" \"x\" {\n  name                     = \"kv\"\n  ↓purge_protection_enabled = false\n}\n"],
        passing: ["resource \"azurerm_key_vault\" \"x\" {\n  name                     = \"kv\"\n  purge_protection_enabled = true\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_key_vault"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "purge_protection_enabled", true, whenMissing: false)
    }
}
