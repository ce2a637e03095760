import BulwarkCore
import BulwarkTerraform

/// Without enforced TLS, clients can connect in clear text and expose queries and credentials.
enum SQLRequireSSL: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-SQL-001", title: "Cloud SQL instances require encrypted connections", severity: .high, pack: "terraform-gcp",
        rationale: "Without enforced TLS, clients can connect in clear text and expose queries and credentials.",
        remediation: "Set settings { ip_configuration { ssl_mode = \"ENCRYPTED_ONLY\" } } (or require_ssl = true on older providers).",
        controls: controls("cis-gcp:6.4", "soc2:CC6.7", "pci:4.2.1", "hipaa:164.312(e)(1)", "nist:SC-8"), aliases: ["CKV_GCP_6"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_sql_database_instance\" \"x\" {\n  name             = \"db\"\n  database_version = \"POSTGRES_16\"\n  settings {\n    tier = \"db-f1-micro\"\n    ip_configuration {\n      ↓ssl_mode = \"ALLOW_UNENCRYPTED_AND_ENCRYPTED\"\n    }\n  }\n}\n"],
        passing: ["resource \"google_sql_database_instance\" \"x\" {\n  name             = \"db\"\n  database_version = \"POSTGRES_16\"\n  settings {\n    tier = \"db-f1-micro\"\n    ip_configuration {\n      ssl_mode = \"ENCRYPTED_ONLY\"\n    }\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["google_sql_database_instance"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        let ip = "settings.0.ip_configuration.0"
        for key in ["ssl_mode", "require_ssl"] {
            if case .unknown(let reason) = r.attribute(ip + "." + key) { return [.notEvaluated(path: ip + "." + key, reason: reason)] }
        }
        let mode = r.attribute(ip + ".ssl_mode").known?.stringValue
        if mode == "ENCRYPTED_ONLY" || mode == "TRUSTED_CLIENT_CERTIFICATE_REQUIRED" { return [] }
        if r.attribute(ip + ".require_ssl").known.flatMap(AttributeCheck.bool) == true { return [] }
        let at = mode != nil ? ip + ".ssl_mode" : r.elements("settings").isEmpty ? "settings" : ip
        return [.violation(path: at, message: "\(r.address) accepts unencrypted connections.")]
    }
}
