import BulwarkCore
import BulwarkTerraform

/// SSH open to the internet is brute-forced within minutes of a VM getting a public address.
enum NSGOpenSSH: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-NSG-001", title: "Network security groups do not allow SSH from the internet", severity: .high, pack: "terraform-azure",
        rationale: "SSH open to the internet is brute-forced within minutes of a VM getting a public address.",
        remediation: "Restrict source_address_prefix to known ranges, or use Azure Bastion or just-in-time VM access.",
        controls: controls("cis-azure:6.2", "soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_AZURE_10"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_network_security_rule\" \"x\" {\n  name                       = \"ssh\"\n  direction                  = \"Inbound\"\n  access                     = \"Allow\"\n  protocol                   = \"Tcp\"\n  destination_port_range     = \"22\"\n  ↓source_address_prefix      = \"*\"\n}\n"],
        passing: ["resource \"azurerm_network_security_rule\" \"x\" {\n  name                       = \"ssh\"\n  direction                  = \"Inbound\"\n  access                     = \"Allow\"\n  protocol                   = \"Tcp\"\n  destination_port_range     = \"22\"\n  source_address_prefix      = \"10.0.0.0/8\"\n}\n"])

    static let resourceTypes = NSGOpenPort.resourceTypes

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        NSGOpenPort.check(r, port: 22)
    }
}
