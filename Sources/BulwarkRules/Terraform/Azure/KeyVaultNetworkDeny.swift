import BulwarkCore
import BulwarkTerraform

/// A vault reachable from any network depends on credentials alone; a default-deny network ACL adds a second gate.
enum KeyVaultNetworkDeny: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-KV-002", title: "Key vaults deny network access by default", severity: .medium, pack: "terraform-azure",
        rationale: "A vault reachable from any network depends on credentials alone; a default-deny network ACL adds a second gate.",
        remediation: "Add network_acls { default_action = \"Deny\", bypass = \"AzureServices\" } and allow the networks that need access.",
        controls: controls("soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_AZURE_109"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_key_vault\" \"x\" {\n  name = \"kv\"\n  network_acls {\n    bypass         = \"AzureServices\"\n    ↓default_action = \"Allow\"\n  }\n}\n"],
        passing: ["resource \"azurerm_key_vault\" \"x\" {\n  name = \"kv\"\n  network_acls {\n    bypass         = \"AzureServices\"\n    default_action = \"Deny\"\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_key_vault"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if let reason = r.unknown["network_acls"] { return [.notEvaluated(path: "network_acls", reason: reason)] }
        guard let acl = r.elements("network_acls").first else {
            return [.violation(path: "network_acls", message: "\(r.address) has no network_acls, so every network can reach it.")]
        }
        return AttributeCheck.require(r, acl + ".default_action") { v in v.stringValue == "Deny" ? nil : "sets network_acls default_action = \(v.interpolationText)" }
    }
}
