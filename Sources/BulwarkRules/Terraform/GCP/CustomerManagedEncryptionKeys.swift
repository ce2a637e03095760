import BulwarkCore
import BulwarkTerraform

/// Google encrypts everything with Google-managed keys; customer-managed keys (CMEK) add
/// the custody a cardholder-data or PHI environment is audited on: who may use the key,
/// a log of every use, rotation on your schedule, and revocation by disabling it. Only
/// levels that ask for key custody turn it on.
enum CustomerManagedEncryptionKeys: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-CMK-001", title: "Data stores are encrypted with a customer-managed Cloud KMS key (CMEK)", severity: .medium, pack: "terraform-gcp",
        rationale: "Google-managed keys cannot be scoped, disabled or audited by you; a customer-managed Cloud KMS key puts custody, rotation and revocation under your control.",
        remediation: "Create a google_kms_crypto_key (with rotation_period) and point the store at it: encryption { default_kms_key_name } for buckets, disk_encryption_key { kms_key_self_link } for disks, encryption_key_name for Cloud SQL, kms_key_name for Pub/Sub and BigQuery.",
        controls: controls("pci:3.6.1", "hipaa:164.312(a)(2)(iv)", "soc2:CC6.1", "nist:SC-12", "nist:SC-28"), optIn: true)

    static let examples = RuleExamples(
        triggering: [
            "↓resource \"google_storage_bucket\" \"x\" {\n  name     = \"acme-cardholder-exports\"\n  location = \"EU\"\n}\n",
            "resource \"google_sql_database_instance\" \"x\" {\n  name                = \"payments\"\n  database_version    = \"POSTGRES_16\"\n  ↓encryption_key_name = \"\"\n}\n",
        ],
        passing: [
            "resource \"google_kms_crypto_key\" \"k\" {\n  name            = \"exports\"\n  key_ring        = \"projects/acme/locations/europe/keyRings/data\"\n  rotation_period = \"7776000s\"\n}\n\nresource \"google_storage_bucket\" \"x\" {\n  name     = \"acme-cardholder-exports\"\n  location = \"EU\"\n  encryption {\n    default_kms_key_name = google_kms_crypto_key.k.id\n  }\n}\n",
            "resource \"google_compute_disk\" \"x\" {\n  name = \"data\"\n  disk_encryption_key {\n    kms_key_self_link = \"projects/acme/locations/europe-west1/keyRings/data/cryptoKeys/disks\"\n  }\n}\n",
        ])

    /// Resource type → the attribute that names its key.
    static let keyAttribute: [String: String] = [
        "google_storage_bucket": "encryption.0.default_kms_key_name",
        "google_compute_disk": "disk_encryption_key.0.kms_key_self_link",
        "google_sql_database_instance": "encryption_key_name",
        "google_pubsub_topic": "kms_key_name",
        "google_bigquery_dataset": "default_encryption_configuration.0.kms_key_name",
    ]

    static let resourceTypes = Set(keyAttribute.keys)

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        guard let path = keyAttribute[r.type] else { return [] }
        return AttributeCheck.requirePresent(r, path, meaning: "a Google-managed key encrypts it")
    }
}
