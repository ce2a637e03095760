import BulwarkCore
import BulwarkTerraform

/// Plain HTTP exposes session cookies and request bodies to anyone on the network path.
enum AppServiceHTTPSOnly: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-APP-001", title: "App Services and Function Apps accept HTTPS only", severity: .high, pack: "terraform-azure",
        rationale: "Plain HTTP exposes session cookies and request bodies to anyone on the network path.",
        remediation: "Set https_only = true.",
        controls: controls("soc2:CC6.7", "pci:4.2.1", "hipaa:164.312(e)(1)", "nist:SC-8"), aliases: ["CKV_AZURE_14", "CKV_AZURE_70"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_linux_web_app\" \"x\" {\n  name = \"web\"\n  ↓https_only = false\n}\n"],
        passing: ["resource \"azurerm_linux_web_app\" \"x\" {\n  name = \"web\"\n  https_only = true\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_app_service", "azurerm_linux_function_app", "azurerm_windows_function_app", "azurerm_function_app"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "https_only", true, whenMissing: false)
    }
}
