import BulwarkCore
import BulwarkTerraform

/// Azure encrypts storage, disks and databases with Microsoft-managed keys by default; a
/// customer-managed key in Key Vault adds the custody an audited environment is judged on
/// (who may unwrap, a log of every use, revocation by disabling the key). Only levels that
/// ask for key custody turn it on.
enum KeyVaultEncryptionKeys: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AZ-CMK-001", title: "Data stores are encrypted with a customer-managed Key Vault key", severity: .medium, pack: "terraform-azure",
        rationale: "Microsoft-managed keys cannot be scoped, disabled or audited by you; a customer-managed Key Vault key (directly or through a disk encryption set) puts custody, rotation and revocation under your control.",
        remediation: "Point the store at a Key Vault key: customer_managed_key { key_vault_key_id } on storage accounts and PostgreSQL flexible servers (or an azurerm_storage_account_customer_managed_key), transparent_data_encryption_key_vault_key_id (or azurerm_mssql_server_transparent_data_encryption) on SQL servers, key_vault_key_id on Cosmos DB, disk_encryption_set_id on disks and AKS.",
        controls: controls("pci:3.6.1", "hipaa:164.312(a)(2)(iv)", "soc2:CC6.1", "nist:SC-12", "nist:SC-28"), optIn: true)

    static let examples = RuleExamples(
        triggering: [
            "↓resource \"azurerm_storage_account\" \"x\" {\n  name                     = \"acmecardexports\"\n  account_tier             = \"Standard\"\n  account_replication_type = \"GRS\"\n}\n",
            "resource \"azurerm_cosmosdb_account\" \"x\" {\n  name             = \"orders\"\n  offer_type       = \"Standard\"\n  ↓key_vault_key_id = \"\"\n}\n",
        ],
        passing: [
            "resource \"azurerm_storage_account\" \"x\" {\n  name                     = \"acmecardexports\"\n  account_tier             = \"Standard\"\n  account_replication_type = \"GRS\"\n}\n\nresource \"azurerm_storage_account_customer_managed_key\" \"x\" {\n  storage_account_id = azurerm_storage_account.x.id\n  key_vault_id       = \"/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv\"\n  key_name           = \"storage\"\n}\n",
            "resource \"azurerm_managed_disk\" \"x\" {\n  name                   = \"data\"\n  storage_account_type   = \"Premium_LRS\"\n  create_option          = \"Empty\"\n  disk_size_gb           = 64\n  disk_encryption_set_id = \"/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des\"\n}\n",
        ])

    /// Resource type → the attribute that names its key, and the separate resource (type,
    /// linking attribute) that may configure it instead.
    static let keyAttribute: [String: (path: String, linked: (type: String, via: String)?)] = [
        "azurerm_storage_account": ("customer_managed_key.0.key_vault_key_id", ("azurerm_storage_account_customer_managed_key", "storage_account_id")),
        "azurerm_mssql_server": ("transparent_data_encryption_key_vault_key_id", ("azurerm_mssql_server_transparent_data_encryption", "server_id")),
        "azurerm_postgresql_flexible_server": ("customer_managed_key.0.key_vault_key_id", nil),
        "azurerm_cosmosdb_account": ("key_vault_key_id", nil),
        "azurerm_managed_disk": ("disk_encryption_set_id", nil),
        "azurerm_kubernetes_cluster": ("disk_encryption_set_id", nil),
    ]

    static let resourceTypes = Set(keyAttribute.keys)

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        guard let (path, linked) = keyAttribute[r.type] else { return [] }
        if let linked {
            for c in AttributeCheck.connected(r, in: module, type: linked.type, via: linked.via, byName: ["id"]) {
                // A customer-managed-key resource always names a key; the TDE resource only
                // when key_vault_key_id is set (without it the service-managed key is used).
                guard c.type == "azurerm_mssql_server_transparent_data_encryption", !c.setByReference.contains("key_vault_key_id") else { return [] }
                switch c.attribute("key_vault_key_id") {
                case .unknown(let reason): return [.notEvaluated(path: path, reason: "\(c.address).key_vault_key_id: \(reason)")]
                case .known(let v): if AttributeCheck.isSet(v) { return [] }
                }
            }
        }
        return AttributeCheck.requirePresent(r, path, meaning: "a Microsoft-managed key encrypts it")
    }
}
