import BulwarkCore
import BulwarkTerraform

/// A storage account reachable from every network depends on keys and SAS tokens alone, which leak.
enum StorageNetworkDeny: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-ST-004", title: "Storage accounts deny network access by default", severity: .medium, pack: "terraform-azure",
        rationale: "A storage account reachable from every network depends on keys and SAS tokens alone, which leak.",
        remediation: "Set network_rules { default_action = \"Deny\" } and allow the networks that need access.",
        controls: controls("soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_AZURE_35"])

    static let examples = RuleExamples(
        triggering: ["resource \"azurerm_storage_account\" \"x\" {\n  name = \"data\"\n  network_rules {\n    ↓default_action = \"Allow\"\n  }\n}\n"],
        passing: ["resource \"azurerm_storage_account\" \"x\" {\n  name = \"data\"\n  network_rules {\n    default_action = \"Deny\"\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["azurerm_storage_account", "azurerm_storage_account_network_rules"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if r.type == "azurerm_storage_account_network_rules" {
            return AttributeCheck.require(r, "default_action") { v in v.stringValue == "Deny" ? nil : "sets default_action = \(v.interpolationText)" }
        }
        if let reason = r.unknown["network_rules"] { return [.notEvaluated(path: "network_rules", reason: reason)] }
        if let rules = r.elements("network_rules").first {
            return AttributeCheck.require(r, rules + ".default_action") { v in v.stringValue == "Deny" ? nil : "sets network_rules default_action = \(v.interpolationText)" }
        }
        let separate = module.instances(ofType: "azurerm_storage_account_network_rules").contains { $0.links("storage_account_id", to: r, byName: []) }
        return separate ? [] : [.violation(path: "network_rules", message: "\(r.address) has no network rules, so every network can reach it.")]
    }
}
