import BulwarkCore
import BulwarkTerraform

/// A firewall rule from 0.0.0.0 to 255.255.255.255 opens the database to every address on the internet.
enum SQLFirewallAllowAll: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-SQL-003", title: "SQL firewall rules do not allow the whole internet", severity: .critical, pack: "terraform-azure",
        rationale: "A firewall rule from 0.0.0.0 to 255.255.255.255 opens the database to every address on the internet.",
        remediation: "Allow only the client ranges that need access, or use private endpoints.",
        controls: controls("cis-azure:4.1.2", "soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_AZURE_11"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_mssql_firewall_rule\" \"x\" {\n  name             = \"all\"\n  start_ip_address = \"0.0.0.0\"\n  ↓end_ip_address   = \"255.255.255.255\"\n}\n"],
        passing: ["resource \"azurerm_mssql_firewall_rule\" \"x\" {\n  name             = \"office\"\n  start_ip_address = \"203.0.113.0\"\n  end_ip_address   = \"203.0.113.255\"\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_mssql_firewall_rule", "azurerm_sql_firewall_rule"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        for key in ["start_ip_address", "end_ip_address"] {
            if case .unknown(let reason) = r.attribute(key) { return [.notEvaluated(path: key, reason: reason)] }
        }
        let start = r.attribute("start_ip_address").known?.stringValue, end = r.attribute("end_ip_address").known?.stringValue
        return start == "0.0.0.0" && end == "255.255.255.255"
            ? [.violation(path: "end_ip_address", message: "\(r.address) allows every IPv4 address.")] : []
    }
}
