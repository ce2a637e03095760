import BulwarkCore
import BulwarkTerraform

/// A public IP puts the database on the internet, guarded only by authorized networks that drift.
enum SQLPublicIP: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-SQL-004", title: "Cloud SQL instances have no public IP", severity: .medium, pack: "terraform-gcp",
        rationale: "A public IP puts the database on the internet, guarded only by authorized networks that drift.",
        remediation: "Set settings { ip_configuration { ipv4_enabled = false, private_network = ... } }.",
        controls: controls("soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_GCP_60"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_sql_database_instance\" \"x\" {\n  name = \"db\"\n  settings {\n    tier = \"db-f1-micro\"\n    ip_configuration {\n      ↓ipv4_enabled = true\n    }\n  }\n}\n"],
        passing: ["resource \"google_sql_database_instance\" \"x\" {\n  name = \"db\"\n  settings {\n    tier = \"db-f1-micro\"\n    ip_configuration {\n      ipv4_enabled = false\n    }\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["google_sql_database_instance"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "settings.0.ip_configuration.0.ipv4_enabled", false, whenMissing: true)
    }
}
