import BulwarkCore
import BulwarkTerraform

/// TLS 1.0/1.1 are deprecated and allow downgrade attacks.
enum AppServiceMinTLS: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-APP-002", title: "App Services require TLS 1.2 or newer", severity: .medium, pack: "terraform-azure",
        rationale: "TLS 1.0/1.1 are deprecated and allow downgrade attacks.",
        remediation: "Set site_config { minimum_tls_version = \"1.2\" }.",
        controls: controls("soc2:CC6.7", "pci:4.2.1", "hipaa:164.312(e)(1)", "nist:SC-8"), aliases: ["CKV_AZURE_15"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_linux_web_app\" \"x\" {\n  name = \"web\"\n  site_config {\n    ↓minimum_tls_version = \"1.0\"\n  }\n}\n"],
        passing: ["resource \"azurerm_linux_web_app\" \"x\" {\n  name = \"web\"\n  site_config {\n    minimum_tls_version = \"1.2\"\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app", "azurerm_windows_function_app"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        return AttributeCheck.eachBlock(r, "site_config") { c in
            AttributeCheck.require(r, c + ".minimum_tls_version") { v in
                v.isNull || ["1.2", "1.3"].contains(v.interpolationText) ? nil : "sets minimum_tls_version = \(v.interpolationText)"
            }
        }
    }
}
