import BulwarkCore
@testable import BulwarkRules
import Testing

/// Customer-managed keys configured by a separate resource, and keys AWS manages under a customer-looking name.
@Suite("Customer-managed keys")
struct KeyCustodyTests {
    static let server = "resource \"azurerm_mssql_server\" \"x\" {\n  name                = \"payments\"\n  version             = \"12.0\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n}\n"

    static let cases: [(String, String, Bool)] = [
        ("AZ-CMK-001", server, true),
        ("AZ-CMK-001", server + "resource \"azurerm_mssql_server_transparent_data_encryption\" \"x\" {\n  server_id = azurerm_mssql_server.x.id\n}\n", true),
        ("AZ-CMK-001", server + "resource \"azurerm_mssql_server_transparent_data_encryption\" \"x\" {\n  server_id        = azurerm_mssql_server.x.id\n  key_vault_key_id = \"https://kv.vault.azure.net/keys/tde/0123\"\n}\n", false),
        ("AWS-CMK-001", "resource \"aws_kinesis_stream\" \"x\" {\n  name            = \"events\"\n  shard_count     = 1\n  encryption_type = \"KMS\"\n  kms_key_id      = \"alias/aws/kinesis\"\n}\n", true),
        ("AWS-CMK-001", "resource \"aws_kinesis_stream\" \"x\" {\n  name            = \"events\"\n  shard_count     = 1\n  encryption_type = \"KMS\"\n  kms_key_id      = \"alias/payments-events\"\n}\n", false),
        ("GCP-CMK-001", "resource \"google_pubsub_topic\" \"x\" {\n  name = \"orders\"\n}\n", true),
    ]

    @Test("which stores lack a customer-managed key", arguments: cases)
    func custody(rule: String, hcl: String, fails: Bool) throws {
        let hits = try RuleExampleTests.hits(rule, hcl)
        #expect(hits.isEmpty != fails, "\(rule): \(hits.map { $0.message ?? "" }) for:\n\(hcl)")
    }
}
