import BulwarkCore
import BulwarkTerraform

/// Without enforced SSL, clients may connect in clear text and expose credentials and data.
enum MySQLSSL: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-MY-001", title: "MySQL servers enforce SSL", severity: .high, pack: "terraform-azure",
        rationale: "Without enforced SSL, clients may connect in clear text and expose credentials and data.",
        remediation: "Set ssl_enforcement_enabled = true.",
        controls: controls("soc2:CC6.7", "pci:4.2.1", "hipaa:164.312(e)(1)", "nist:SC-8"), aliases: ["CKV_AZURE_28"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_mysql_server\" \"x\" {\n  name = \"db\"\n  ↓ssl_enforcement_enabled = false\n}\n"],
        passing: ["resource \"azurerm_mysql_server\" \"x\" {\n  name = \"db\"\n  ssl_enforcement_enabled = true\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_mysql_server"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "ssl_enforcement_enabled", true, whenMissing: false)
    }
}
