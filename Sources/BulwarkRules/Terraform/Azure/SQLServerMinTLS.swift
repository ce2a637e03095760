import BulwarkCore
import BulwarkTerraform

/// Old TLS versions let an attacker on the path downgrade and read database traffic.
enum SQLServerMinTLS: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-SQL-002", title: "SQL servers require TLS 1.2", severity: .medium, pack: "terraform-azure",
        rationale: "Old TLS versions let an attacker on the path downgrade and read database traffic.",
        remediation: "Set minimum_tls_version = \"1.2\".",
        controls: controls("soc2:CC6.7", "pci:4.2.1", "hipaa:164.312(e)(1)", "nist:SC-8"), aliases: ["CKV_AZURE_52"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_mssql_server\" \"x\" {\n  name                = \"db\"\n  ↓minimum_tls_version = \"1.0\"\n}\n"],
        passing: ["resource \"azurerm_mssql_server\" \"x\" {\n  name                = \"db\"\n  minimum_tls_version = \"1.2\"\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_mssql_server"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.require(r, "minimum_tls_version") { v in
            v.isNull || v.interpolationText == "1.2" || v.interpolationText == "1.3" ? nil : "sets minimum_tls_version = \(v.interpolationText)"
        }
    }
}
