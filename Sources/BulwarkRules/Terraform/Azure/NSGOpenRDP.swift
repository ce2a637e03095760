import BulwarkCore
import BulwarkTerraform

/// RDP open to the internet is a leading ransomware entry point.
enum NSGOpenRDP: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-NSG-002", title: "Network security groups do not allow RDP from the internet", severity: .high, pack: "terraform-azure",
        rationale: "RDP open to the internet is a leading ransomware entry point.",
        remediation: "Restrict source_address_prefix to known ranges, or use Azure Bastion or just-in-time VM access.",
        controls: controls("cis-azure:6.1", "soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_AZURE_9"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_network_security_group\" \"x\" {\n  name = \"vm\"\n  security_rule {\n    name                   = \"rdp\"\n    direction              = \"Inbound\"\n    access                 = \"Allow\"\n    protocol               = \"*\"\n    destination_port_range = \"3000-4000\"\n    ↓source_address_prefix  = \"Internet\"\n  }\n}\n"],
        passing: ["resource \"azurerm_network_security_group\" \"x\" {\n  name = \"vm\"\n  security_rule {\n    name                   = \"rdp\"\n    direction              = \"Inbound\"\n    access                 = \"Deny\"\n    protocol               = \"*\"\n    destination_port_range = \"3389\"\n    source_address_prefix  = \"*\"\n  }\n}\n"])

    static let resourceTypes = NSGOpenPort.resourceTypes

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        NSGOpenPort.check(r, port: 3389)
    }
}
