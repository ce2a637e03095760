import BulwarkCore
import BulwarkTerraform

/// An authorized network of 0.0.0.0/0 exposes the database's public IP to every address on the internet.
enum SQLOpenAuthorizedNetwork: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-SQL-002", title: "Cloud SQL instances do not authorize the whole internet", severity: .critical, pack: "terraform-gcp",
        rationale: "An authorized network of 0.0.0.0/0 exposes the database's public IP to every address on the internet.",
        remediation: "Authorize specific client ranges, or use private IP and the Cloud SQL Auth Proxy.",
        controls: controls("cis-gcp:6.5", "soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_GCP_11"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_sql_database_instance\" \"x\" {\n  name = \"db\"\n  settings {\n    tier = \"db-f1-micro\"\n    ip_configuration {\n      authorized_networks {\n        name  = \"all\"\n        ↓value = \"0.0.0.0/0\"\n      }\n    }\n  }\n}\n"],
        passing: ["resource \"google_sql_database_instance\" \"x\" {\n  name = \"db\"\n  settings {\n    tier = \"db-f1-micro\"\n    ip_configuration {\n      authorized_networks {\n        name  = \"office\"\n        value = \"203.0.113.0/24\"\n      }\n    }\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["google_sql_database_instance"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        let nets = "settings.0.ip_configuration.0.authorized_networks"
        if let reason = r.unknown[nets] { return [.notEvaluated(path: nets, reason: reason)] }
        for n in r.elements(nets) {
            switch r.attribute(n + ".value") {
            case .unknown(let reason): return [.notEvaluated(path: n + ".value", reason: reason)]
            case .known(let v):
                if v.stringValue == "0.0.0.0/0" { return [.violation(path: n + ".value", message: "\(r.address) authorizes 0.0.0.0/0.")] }
            }
        }
        return []
    }
}
