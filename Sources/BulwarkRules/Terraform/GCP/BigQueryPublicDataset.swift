import BulwarkCore
import BulwarkTerraform

/// A dataset granted to allUsers or allAuthenticatedUsers is readable by anyone on the internet or with any Google account.
enum BigQueryPublicDataset: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-BQ-001", title: "BigQuery datasets are not shared with allUsers or allAuthenticatedUsers", severity: .critical, pack: "terraform-gcp",
        rationale: "A dataset granted to allUsers or allAuthenticatedUsers is readable by anyone on the internet or with any Google account.",
        remediation: "Grant access to specific groups or service accounts.",
        controls: controls("soc2:CC6.1", "pci:7.2.1", "nist:AC-3"), aliases: ["CKV_GCP_15"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_bigquery_dataset\" \"x\" {\n  dataset_id = \"sales\"\n  access {\n    role          = \"READER\"\n    ↓special_group = \"allAuthenticatedUsers\"\n  }\n}\n"],
        passing: ["resource \"google_bigquery_dataset\" \"x\" {\n  dataset_id = \"sales\"\n  access {\n    role           = \"READER\"\n    group_by_email = \"analysts@example.com\"\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["google_bigquery_dataset", "google_bigquery_dataset_iam_member", "google_bigquery_dataset_iam_binding"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if r.type != "google_bigquery_dataset" {
            let path = r.type.hasSuffix("_member") ? "member" : "members"
            return AttributeCheck.require(r, path) { v in
                AttributeCheck.strings(v).first { $0 == "allUsers" || $0 == "allAuthenticatedUsers" }.map { "grants dataset access to \($0)" }
            }
        }
        if let reason = r.unknown["access"] { return [.notEvaluated(path: "access", reason: reason)] }
        for a in r.elements("access") {
            if case .known(let g) = r.attribute(a + ".special_group"), ["allUsers", "allAuthenticatedUsers"].contains(g.stringValue ?? "") {
                return [.violation(path: a + ".special_group", message: "\(r.address) grants access to \(g.interpolationText).")]
            }
        }
        return []
    }
}
