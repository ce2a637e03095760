import BulwarkCore
import BulwarkTerraform

/// Automated backups and point-in-time recovery are the way back from corruption, bad migrations and ransomware.
enum SQLBackups: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-SQL-003", title: "Cloud SQL instances have automated backups", severity: .medium, pack: "terraform-gcp",
        rationale: "Automated backups and point-in-time recovery are the way back from corruption, bad migrations and ransomware.",
        remediation: "Add settings { backup_configuration { enabled = true } }.",
        controls: controls("soc2:A1.2", "hipaa:164.308(a)(7)(ii)(A)", "nist:CP-9"), aliases: ["CKV_GCP_14"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_sql_database_instance\" \"x\" {\n  name = \"db\"\n  settings {\n    tier = \"db-f1-micro\"\n    backup_configuration {\n      ↓enabled = false\n    }\n  }\n}\n"],
        passing: ["resource \"google_sql_database_instance\" \"x\" {\n  name = \"db\"\n  settings {\n    tier = \"db-f1-micro\"\n    backup_configuration {\n      enabled = true\n    }\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["google_sql_database_instance"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "settings.0.backup_configuration.0.enabled", true, whenMissing: false)
    }
}
