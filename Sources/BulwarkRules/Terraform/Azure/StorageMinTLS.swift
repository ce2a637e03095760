import BulwarkCore
import BulwarkTerraform

/// TLS 1.0 and 1.1 have known weaknesses and are out of support; clients should not be allowed to negotiate them.
enum StorageMinTLS: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-ST-001", title: "Storage accounts require TLS 1.2 or newer", severity: .medium, pack: "terraform-azure",
        rationale: "TLS 1.0 and 1.1 have known weaknesses and are out of support; clients should not be allowed to negotiate them.",
        remediation: "Set min_tls_version = \"TLS1_2\".",
        controls: controls("cis-azure:3.15", "soc2:CC6.7", "pci:4.2.1", "hipaa:164.312(e)(1)", "nist:SC-8"), aliases: ["CKV_AZURE_44"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_storage_account\" \"x\" {\n  name            = \"data\"\n  ↓min_tls_version = \"TLS1_0\"\n}\n"],
        passing: ["resource \"azurerm_storage_account\" \"x\" {\n  name            = \"data\"\n  min_tls_version = \"TLS1_2\"\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_storage_account"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.require(r, "min_tls_version") { v in
            v.isNull || v.stringValue == "TLS1_2" || v.stringValue == "TLS1_3" ? nil : "sets min_tls_version = \(v.interpolationText)"
        }
    }
}
